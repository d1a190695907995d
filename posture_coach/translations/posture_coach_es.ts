<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="es">
<context>
    <name>AdherenceReport</name>
    <message>
        <source>No pain ratings yet</source>
        <translation>Aún no hay valoraciones del dolor</translation>
    </message>
    <message>
        <source>{label}: {value}</source>
        <translation>{label}: {value}</translation>
    </message>
    <message>
        <source>Home program adherence report</source>
        <translation>Informe de adherencia al programa en casa</translation>
    </message>
    <message>
        <source>Patient</source>
        <translation>Paciente</translation>
    </message>
    <message>
        <source>No home program is active.</source>
        <translation>No hay ningún programa en casa activo.</translation>
    </message>
    <message>
        <source>Period: {start} – {end}</source>
        <translation>Periodo: {start} – {end}</translation>
    </message>
    <message>
        <source>Exercise</source>
        <translation>Ejercicio</translation>
    </message>
    <message>
        <source>Prescribed</source>
        <translation>Prescritas</translation>
    </message>
    <message>
        <source>Done</source>
        <translation>Hechas</translation>
    </message>
    <message>
        <source>Percent</source>
        <translation>Porcentaje</translation>
    </message>
    <message>
        <source>Sessions done against prescribed</source>
        <translation>Sesiones hechas frente a prescritas</translation>
    </message>
    <message>
        <source>Pain (0-10)</source>
        <translation>Dolor (0-10)</translation>
    </message>
    <message>
        <source>Notes</source>
        <translation>Notas</translation>
    </message>
    <message>
        <source>Day</source>
        <translation>Día</translation>
    </message>
    <message>
        <source>Done</source>
        <comment>breaks</comment>
        <translation>Hechos</translation>
    </message>
    <message>
        <source>Partly done</source>
        <translation>Hechos en parte</translation>
    </message>
    <message>
        <source>Skipped</source>
        <translation>Saltados</translation>
    </message>
    <message>
        <source>Snoozed</source>
        <translation>Pospuestos</translation>
    </message>
    <message>
        <source>Home sessions</source>
        <translation>Sesiones en casa</translation>
    </message>
    <message>
        <source>Breaks per day</source>
        <translation>Descansos por día</translation>
    </message>
    <message>
        <source>Made by posture-coach on {when}.</source>
        <translation>Hecho con posture-coach el {when}.</translation>
    </message>
    <message>
        <source>Patient-Specific Functional Scale (0-10)</source>
        <translation>Escala Funcional Específica del Paciente (0-10)</translation>
    </message>
    <message>
        <source>No activity ratings yet.</source>
        <translation>Todavía no hay calificaciones de actividades.</translation>
    </message>
    <message>
        <source>Activity</source>
        <translation>Actividad</translation>
    </message>
    <message>
        <source>First rating</source>
        <translation>Primera calificación</translation>
    </message>
    <message>
        <source>Latest rating</source>
        <translation>Última calificación</translation>
    </message>
    <message>
        <source>Change</source>
        <translation>Cambio</translation>
    </message>
    <message>
        <source>At least the reference difference</source>
        <translation>Al menos la diferencia de referencia</translation>
    </message>
    <message>
        <source>yes</source>
        <translation>sí</translation>
    </message>
    <message>
        <source>Average</source>
        <translation>Promedio</translation>
    </message>
</context>
<context>
    <name>App</name>
    <message>
        <source>A break is waiting for you</source>
        <translation>Un descanso te está esperando</translation>
    </message>
    <message>
        <source>Ice/heat: {time} left; breaks wait</source>
        <translation>Frío/calor: quedan {time}; los descansos esperan</translation>
    </message>
    <message>
        <source>Paused: next break in {time}</source>
        <translation>En pausa: próximo descanso en {time}</translation>
    </message>
    <message>
        <source>Next break in {time}</source>
        <translation>Próximo descanso en {time}</translation>
    </message>
    <message>
        <source>Posture Coach could not save</source>
        <translation>Posture Coach no pudo guardar</translation>
    </message>
    <message>
        <source>Ice session done</source>
        <translation>Sesión de frío terminada</translation>
    </message>
    <message>
        <source>Heat session done</source>
        <translation>Sesión de calor terminada</translation>
    </message>
    <message>
        <source>Take the pack off. About an hour between sessions is reasonable.</source>
        <translation>Quítate la bolsa de frío o calor. Es razonable dejar una hora entre sesiones.</translation>
    </message>
    <message>
        <source>Posture Coach</source>
        <translation>Posture Coach</translation>
    </message>
    <message>
        <source>The exercise library that came with the app cannot be read; please reinstall posture-coach.

{details}</source>
        <translation>No se puede leer la biblioteca de ejercicios que trae la aplicación; vuelve a instalar posture-coach.

{details}</translation>
    </message>
    <message>
        <source>Your exercise library {file} has problems, so the app is using the bundled library. Your file was not changed.

{problem}</source>
        <translation>Tu biblioteca de ejercicios {file} tiene problemas, así que la aplicación usa la biblioteca incluida. Tu archivo no se modificó.

{problem}</translation>
    </message>
    <message>
        <source>Some settings could not be used, so their defaults apply. A copy of the file is in {backup}.

{problems}</source>
        <translation>Algunos ajustes no se pudieron usar, así que se aplican sus valores predeterminados. Hay una copia del archivo en {backup}.

{problems}</translation>
    </message>
    <message>
        <source>Some settings could not be used, so their defaults apply.

{problems}</source>
        <translation>Algunos ajustes no se pudieron usar, así que se aplican sus valores predeterminados.

{problems}</translation>
    </message>
    <message>
        <source>Posture Coach: a problem was found</source>
        <translation>Posture Coach: se encontró un problema</translation>
    </message>
</context>
<context>
    <name>CliWords</name>
    <message>
        <source>Mon</source>
        <translation>lunes</translation>
    </message>
    <message>
        <source>Tue</source>
        <translation>martes</translation>
    </message>
    <message>
        <source>Wed</source>
        <translation>miércoles</translation>
    </message>
    <message>
        <source>Thu</source>
        <translation>jueves</translation>
    </message>
    <message>
        <source>Fri</source>
        <translation>viernes</translation>
    </message>
    <message>
        <source>Sat</source>
        <translation>sábado</translation>
    </message>
    <message>
        <source>Sun</source>
        <translation>domingo</translation>
    </message>
    <message>
        <source>{day} {time}</source>
        <translation>el {day} a las {time}</translation>
    </message>
    <message>
        <source>in less than a minute</source>
        <translation>en menos de un minuto</translation>
    </message>
    <message numerus="yes">
        <source>in %n minute(s)</source>
        <translation>
            <numerusform>en %n minuto</numerusform>
            <numerusform>en %n minutos</numerusform>
        </translation>
    </message>
    <message>
        <source>in {h} h {m} min</source>
        <translation>en {h} h {m} min</translation>
    </message>
    <message>
        <source>No break is planned.</source>
        <translation>No hay ningún descanso previsto.</translation>
    </message>
    <message>
        <source>Next break at {when}, {delay}.</source>
        <translation>Próximo descanso a las {when}, {delay}.</translation>
    </message>
    <message>
        <source>A break is on your screen now.</source>
        <translation>Hay un descanso en tu pantalla ahora.</translation>
    </message>
    <message>
        <source>Breaks are paused until {when}.</source>
        <translation>Descansos en pausa hasta las {when}.</translation>
    </message>
    <message>
        <source>Breaks are paused while you are away.</source>
        <translation>Descansos en pausa mientras estás fuera.</translation>
    </message>
    <message>
        <source>Breaks are paused during your ice/heat session.</source>
        <translation>Descansos en pausa durante tu sesión de frío/calor.</translation>
    </message>
    <message>
        <source>Breaks are paused.</source>
        <translation>Descansos en pausa.</translation>
    </message>
    <message>
        <source>Outside your working hours.</source>
        <translation>Fuera de tu horario laboral.</translation>
    </message>
    <message>
        <source>Breaks are on.</source>
        <translation>Los descansos están activos.</translation>
    </message>
    <message>
        <source>Breaks never wait: this desktop tells the app neither about full-screen windows, Do Not Disturb nor calls.</source>
        <translation>Los descansos nunca esperan: este escritorio no le avisa a la aplicación ni de ventanas a pantalla completa, ni de No molestar, ni de llamadas.</translation>
    </message>
    <message>
        <source>Breaks wait while {things}.</source>
        <translation>Los descansos esperan mientras {things}.</translation>
    </message>
    <message>
        <source>Posture Coach is quitting.</source>
        <translation>Posture Coach se está cerrando.</translation>
    </message>
    <message>
        <source>Snoozed.</source>
        <translation>Pospuesta.</translation>
    </message>
    <message>
        <source>Breaks resumed.</source>
        <translation>Los descansos se reanudaron.</translation>
    </message>
    <message>
        <source>Time away is noticed ({how}).</source>
        <translation>Se nota cuando te alejas ({how}).</translation>
    </message>
    <message>
        <source>Time away is not noticed.</source>
        <translation>No se nota cuando te alejas.</translation>
    </message>
    <message>
        <source>The microphone is not watched: no sound server (PulseAudio or PipeWire) answers.</source>
        <translation>El micrófono no se vigila: ningún servidor de sonido (PulseAudio o PipeWire) responde.</translation>
    </message>
    <message>
        <source>Shown in the system tray.</source>
        <translation>Se muestra en la bandeja del sistema.</translation>
    </message>
    <message>
        <source>Shown in a small window: {why}.</source>
        <translation>Se muestra en una ventana pequeña: {why}.</translation>
    </message>
    <message>
        <source>Shown in a small window (no system tray).</source>
        <translation>Se muestra en una ventana pequeña (no hay bandeja del sistema).</translation>
    </message>
    <message>
        <source>Home program: {title}</source>
        <translation>Programa en casa: {title}</translation>
    </message>
    <message>
        <source>done</source>
        <translation>hecho</translation>
    </message>
    <message>
        <source>partly done</source>
        <translation>hecho en parte</translation>
    </message>
    <message>
        <source>skipped</source>
        <translation>saltado</translation>
    </message>
    <message>
        <source>snoozed</source>
        <translation>pospuesto</translation>
    </message>
    <message>
        <source>natural (away from the computer)</source>
        <translation>natural (lejos de la computadora)</translation>
    </message>
    <message>
        <source>Last break: {outcome} at {when}.</source>
        <translation>Último descanso: {outcome} a las {when}.</translation>
    </message>
    <message>
        <source>Journal: {problem}</source>
        <translation>Diario: {problem}</translation>
    </message>
</context>
<context>
    <name>Dose</name>
    <message>
        <source>{seconds} s</source>
        <translation>{seconds} s</translation>
    </message>
    <message numerus="yes">
        <source>%n slow breath(s) (in {inhale}, hold {hold}, out {exhale})</source>
        <translation>
            <numerusform>%n respiración lenta (inspira {inhale}, retén {hold}, espira {exhale})</numerusform>
            <numerusform>%n respiraciones lentas (inspira {inhale}, retén {hold}, espira {exhale})</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n slow breath(s) (in {inhale}, out {exhale})</source>
        <translation>
            <numerusform>%n respiración lenta (inspira {inhale}, espira {exhale})</numerusform>
            <numerusform>%n respiraciones lentas (inspira {inhale}, espira {exhale})</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n rep(s)</source>
        <translation>
            <numerusform>%n repetición</numerusform>
            <numerusform>%n repeticiones</numerusform>
        </translation>
    </message>
    <message>
        <source>{sets} sets of {reps}</source>
        <translation>{sets} series de {reps}</translation>
    </message>
    <message>
        <source>{dose}, hold {seconds}</source>
        <translation>{dose}, mantén {seconds}</translation>
    </message>
    <message>
        <source>{dose}, rest {seconds} between sets</source>
        <translation>{dose}, descansa {seconds} entre series</translation>
    </message>
    <message>
        <source>{dose}, each side</source>
        <translation>{dose}, cada lado</translation>
    </message>
    <message numerus="yes">
        <source>%n minute(s)</source>
        <translation>
            <numerusform>%n minuto</numerusform>
            <numerusform>%n minutos</numerusform>
        </translation>
    </message>
    <message>
        <source>{minutes} min {seconds} s</source>
        <translation>{minutes} min {seconds} s</translation>
    </message>
</context>
<context>
    <name>Emergency</name>
    <message>
        <source>your local emergency number</source>
        <translation>número de emergencias de tu zona</translation>
    </message>
</context>
<context>
    <name>ExerciseDialog</name>
    <message>
        <source>Your own exercise</source>
        <translation>Tu propio ejercicio</translation>
    </message>
    <message>
        <source>Edit your exercise</source>
        <translation>Editar tu ejercicio</translation>
    </message>
    <message>
        <source>Id</source>
        <translation>Id</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>Nombre</translation>
    </message>
    <message>
        <source>Kind</source>
        <translation>Tipo</translation>
    </message>
    <message>
        <source>Position</source>
        <translation>Posición</translation>
    </message>
    <message>
        <source>Summary</source>
        <translation>Resumen</translation>
    </message>
    <message>
        <source>Steps</source>
        <translation>Pasos</translation>
    </message>
    <message>
        <source>Dose</source>
        <translation>Dosis</translation>
    </message>
    <message>
        <source>Cautions</source>
        <translation>Precauciones</translation>
    </message>
    <message>
        <source>Source</source>
        <translation>Fuente</translation>
    </message>
    <message>
        <source>Drawing</source>
        <translation>Dibujo</translation>
    </message>
    <message>
        <source>Easier versions</source>
        <translation>Versiones más fáciles</translation>
    </message>
    <message>
        <source>Harder versions</source>
        <translation>Versiones más difíciles</translation>
    </message>
    <message>
        <source>Equipment</source>
        <translation>Material</translation>
    </message>
    <message>
        <source>Targets</source>
        <translation>Zonas</translation>
    </message>
    <message>
        <source>Translations</source>
        <translation>Traducciones</translation>
    </message>
    <message>
        <source>What to correct</source>
        <translation>Qué corregir</translation>
    </message>
    <message>
        <source>Keep this e&amp;xercise</source>
        <translation>Conser&amp;var este ejercicio</translation>
    </message>
    <message>
        <source>Keep this exercise</source>
        <translation>Conservar este ejercicio</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>Cancelar</translation>
    </message>
    <message>
        <source>Exercise name</source>
        <translation>Nombre del ejercicio</translation>
    </message>
    <message>
        <source>&amp;Name:</source>
        <translation>&amp;Nombre:</translation>
    </message>
    <message>
        <source>Exercise id</source>
        <translation>Id del ejercicio</translation>
    </message>
    <message>
        <source>Lower-case letters, digits and dashes; the file and the journal name the exercise by it</source>
        <translation>Minúsculas, dígitos y guiones; el archivo y el registro nombran el ejercicio con él</translation>
    </message>
    <message>
        <source>&amp;Id:</source>
        <translation>I&amp;d:</translation>
    </message>
    <message>
        <source>stretch</source>
        <translation>estiramiento</translation>
    </message>
    <message>
        <source>breathing</source>
        <translation>respiración</translation>
    </message>
    <message>
        <source>posture</source>
        <translation>postura</translation>
    </message>
    <message>
        <source>movement</source>
        <translation>movimiento</translation>
    </message>
    <message>
        <source>strength</source>
        <translation>fuerza</translation>
    </message>
    <message>
        <source>Kind of exercise</source>
        <translation>Tipo de ejercicio</translation>
    </message>
    <message>
        <source>&amp;Kind:</source>
        <translation>&amp;Tipo:</translation>
    </message>
    <message>
        <source>seated</source>
        <translation>sentado</translation>
    </message>
    <message>
        <source>standing</source>
        <translation>de pie</translation>
    </message>
    <message>
        <source>on the floor</source>
        <translation>en el suelo</translation>
    </message>
    <message>
        <source>in a doorway</source>
        <translation>en el marco de una puerta</translation>
    </message>
    <message>
        <source>at a wall</source>
        <translation>contra una pared</translation>
    </message>
    <message>
        <source>walking</source>
        <translation>caminando</translation>
    </message>
    <message>
        <source>in the car</source>
        <translation>en el auto</translation>
    </message>
    <message>
        <source>anywhere</source>
        <translation>en cualquier lugar</translation>
    </message>
    <message>
        <source>&amp;Position:</source>
        <translation>&amp;Posición:</translation>
    </message>
    <message>
        <source>Summary in one sentence</source>
        <translation>Resumen en una oración</translation>
    </message>
    <message>
        <source>S&amp;ummary:</source>
        <translation>Res&amp;umen:</translation>
    </message>
    <message>
        <source>Steps, one a line, in order</source>
        <translation>Pasos, uno por línea, en orden</translation>
    </message>
    <message>
        <source>One step a line, in the order they are done</source>
        <translation>Un paso por línea, en el orden en que se hacen</translation>
    </message>
    <message>
        <source>S&amp;teps:</source>
        <translation>Pa&amp;sos:</translation>
    </message>
    <message>
        <source>Cautions, one a line</source>
        <translation>Precauciones, una por línea</translation>
    </message>
    <message>
        <source>One caution a line: when to stop, what to avoid</source>
        <translation>Una precaución por línea: cuándo parar, qué evitar</translation>
    </message>
    <message>
        <source>&amp;Cautions:</source>
        <translation>Pre&amp;cauciones:</translation>
    </message>
    <message>
        <source>Where the exercise comes from: a section of the clinic&apos;s page, or general physiotherapy practice</source>
        <translation>De dónde viene el ejercicio: una sección de la página de la clínica, o la práctica general de fisioterapia</translation>
    </message>
    <message>
        <source>&amp;Source:</source>
        <translation>&amp;Fuente:</translation>
    </message>
    <message>
        <source>repetitions</source>
        <translation>repeticiones</translation>
    </message>
    <message>
        <source>minutes</source>
        <translation>minutos</translation>
    </message>
    <message>
        <source>Dose counted in</source>
        <translation>Dosis contada en</translation>
    </message>
    <message>
        <source>Dose &amp;given in:</source>
        <translation>Dosis &amp;en:</translation>
    </message>
    <message>
        <source> s</source>
        <translation> s</translation>
    </message>
    <message>
        <source>S&amp;ets:</source>
        <translation>Se&amp;ries:</translation>
    </message>
    <message>
        <source>Sets</source>
        <translation>Series</translation>
    </message>
    <message>
        <source>&amp;Reps:</source>
        <translation>Repetici&amp;ones:</translation>
    </message>
    <message>
        <source>Repetitions</source>
        <translation>Repeticiones</translation>
    </message>
    <message>
        <source>&amp;Hold:</source>
        <translation>&amp;Mantener:</translation>
    </message>
    <message>
        <source>Hold in seconds, 0 for none</source>
        <translation>Mantener en segundos, 0 si no se mantiene</translation>
    </message>
    <message>
        <source>Rest &amp;between sets:</source>
        <translation>Desc&amp;anso entre series:</translation>
    </message>
    <message>
        <source>Rest between sets in seconds</source>
        <translation>Descanso entre series en segundos</translation>
    </message>
    <message>
        <source>&amp;Minutes:</source>
        <translation>&amp;Minutos:</translation>
    </message>
    <message>
        <source>Minutes</source>
        <translation>Minutos</translation>
    </message>
    <message>
        <source>Breat&amp;he in:</source>
        <translation>Inh&amp;alar:</translation>
    </message>
    <message>
        <source>Breathe in, seconds</source>
        <translation>Inhalar, segundos</translation>
    </message>
    <message>
        <source>Pause &amp;between:</source>
        <translation>R&amp;etener:</translation>
    </message>
    <message>
        <source>Hold the breath, seconds</source>
        <translation>Retener el aire, segundos</translation>
    </message>
    <message>
        <source>Breathe &amp;out:</source>
        <translation>E&amp;xhalar:</translation>
    </message>
    <message>
        <source>Breathe out, seconds</source>
        <translation>Exhalar, segundos</translation>
    </message>
    <message>
        <source>B&amp;reaths:</source>
        <translation>Respiraci&amp;ones:</translation>
    </message>
    <message>
        <source>Slow breaths</source>
        <translation>Respiraciones lentas</translation>
    </message>
    <message>
        <source>Done on e&amp;ach side</source>
        <translation>En cada &amp;lado</translation>
    </message>
    <message>
        <source>Done on each side</source>
        <translation>Se hace en cada lado</translation>
    </message>
    <message>
        <source>The exercise&apos;s drawing</source>
        <translation>El dibujo del ejercicio</translation>
    </message>
    <message>
        <source>Drawing file</source>
        <translation>Archivo del dibujo</translation>
    </message>
    <message>
        <source>Choose a &amp;drawing…</source>
        <translation>Ele&amp;gir un dibujo…</translation>
    </message>
    <message>
        <source>Choose a drawing file (SVG or PNG)</source>
        <translation>Elegir un archivo de dibujo (SVG o PNG)</translation>
    </message>
    <message>
        <source>No dra&amp;wing</source>
        <translation>Sin d&amp;ibujo</translation>
    </message>
    <message>
        <source>Use no drawing</source>
        <translation>No usar dibujo</translation>
    </message>
    <message>
        <source>Easier versions:</source>
        <translation>Versiones más fáciles:</translation>
    </message>
    <message>
        <source>Harder versions:</source>
        <translation>Versiones más difíciles:</translation>
    </message>
    <message>
        <source>Choose the exercise&apos;s drawing</source>
        <translation>Elegir el dibujo del ejercicio</translation>
    </message>
    <message>
        <source>Drawings (*.svg *.png)</source>
        <translation>Dibujos (*.svg *.png)</translation>
    </message>
    <message>
        <source>Drawing: {problem}</source>
        <translation>Dibujo: {problem}</translation>
    </message>
    <message>
        <source>No drawing</source>
        <translation>Sin dibujo</translation>
    </message>
    <message>
        <source>No drawing yet: choose an SVG or PNG file. It is copied beside the program when you save.</source>
        <translation>Todavía sin dibujo: elige un archivo SVG o PNG. Se copia junto al programa al guardar.</translation>
    </message>
    <message>
        <source>give the exercise a name</source>
        <translation>ponle un nombre al ejercicio</translation>
    </message>
    <message>
        <source>say in one sentence what it does</source>
        <translation>di en una oración qué hace</translation>
    </message>
    <message>
        <source>write at least one step, one a line</source>
        <translation>escribe al menos un paso, uno por línea</translation>
    </message>
    <message>
        <source>write at least one caution, one a line</source>
        <translation>escribe al menos una precaución, una por línea</translation>
    </message>
    <message>
        <source>say where the exercise comes from</source>
        <translation>di de dónde viene el ejercicio</translation>
    </message>
    <message numerus="yes">
        <source>choose at most %n exercise(s)</source>
        <translation>
            <numerusform>elige como máximo %n ejercicio</numerusform>
            <numerusform>elige como máximo %n ejercicios</numerusform>
        </translation>
    </message>
    <message>
        <source>{field}: {problem}</source>
        <translation>{field}: {problem}</translation>
    </message>
    <message>
        <source>{field}: {names} cannot be both easier and harder</source>
        <translation>{field}: {names} no puede ser a la vez más fácil y más difícil</translation>
    </message>
    <message>
        <source>{field}: {id} is already an exercise of this program; give another id</source>
        <translation>{field}: {id} ya es un ejercicio de este programa; usa otro id</translation>
    </message>
    <message>
        <source>Exercise</source>
        <translation>Ejercicio</translation>
    </message>
</context>
<context>
    <name>GuidedBreakWindow</name>
    <message>
        <source>Break: {name}</source>
        <translation>Descanso: {name}</translation>
    </message>
    <message>
        <source>Exercise</source>
        <translation>Ejercicio</translation>
    </message>
    <message>
        <source>Step</source>
        <translation>Paso</translation>
    </message>
    <message>
        <source>Time left in this break</source>
        <translation>Tiempo que queda de este descanso</translation>
    </message>
    <message>
        <source>Illustration</source>
        <translation>Ilustración</translation>
    </message>
    <message>
        <source>Countdown</source>
        <translation>Cuenta regresiva</translation>
    </message>
    <message>
        <source>Breathing pacer</source>
        <translation>Guía de respiración</translation>
    </message>
    <message>
        <source>Breathe in</source>
        <translation>Inspira</translation>
    </message>
    <message>
        <source>Hold</source>
        <translation>Retén</translation>
    </message>
    <message>
        <source>Breathe out</source>
        <translation>Espira</translation>
    </message>
    <message>
        <source>Side</source>
        <translation>Lado</translation>
    </message>
    <message>
        <source>Repetition</source>
        <translation>Repetición</translation>
    </message>
    <message>
        <source>Set</source>
        <translation>Serie</translation>
    </message>
    <message>
        <source>Dose</source>
        <translation>Dosis</translation>
    </message>
    <message>
        <source>Instructions</source>
        <translation>Instrucciones</translation>
    </message>
    <message>
        <source>Cautions</source>
        <translation>Precauciones</translation>
    </message>
    <message>
        <source>Posture checklist</source>
        <translation>Lista de postura</translation>
    </message>
    <message>
        <source>&amp;Back</source>
        <translation>&amp;Atrás</translation>
    </message>
    <message>
        <source>Previous step</source>
        <translation>Paso anterior</translation>
    </message>
    <message>
        <source>&amp;Pause</source>
        <translation>&amp;Pausar</translation>
    </message>
    <message>
        <source>Pause</source>
        <translation>Pausar</translation>
    </message>
    <message>
        <source>S&amp;kip step</source>
        <translation>&amp;Saltar paso</translation>
    </message>
    <message>
        <source>Skip this step</source>
        <translation>Saltar este paso</translation>
    </message>
    <message>
        <source>&amp;Next</source>
        <translation>Si&amp;guiente</translation>
    </message>
    <message>
        <source>Next step</source>
        <translation>Paso siguiente</translation>
    </message>
    <message>
        <source>S&amp;nooze {n} min</source>
        <translation>P&amp;osponer {n} min</translation>
    </message>
    <message>
        <source>Snooze the break</source>
        <translation>Posponer el descanso</translation>
    </message>
    <message>
        <source>&amp;Finish</source>
        <translation>&amp;Terminar</translation>
    </message>
    <message>
        <source>Finish the break</source>
        <translation>Terminar el descanso</translation>
    </message>
    <message>
        <source>&amp;Cautions</source>
        <translation>Pre&amp;cauciones</translation>
    </message>
    <message>
        <source>How does your upper back feel now?</source>
        <translation>¿Cómo sientes ahora la parte alta de la espalda?</translation>
    </message>
    <message>
        <source>Pain scale</source>
        <translation>Escala de dolor</translation>
    </message>
    <message>
        <source>0 = no pain, 10 = the worst pain you can imagine.</source>
        <translation>0 = sin dolor, 10 = el peor dolor que puedas imaginar.</translation>
    </message>
    <message>
        <source>Pain {n} of 10</source>
        <translation>Dolor {n} de 10</translation>
    </message>
    <message>
        <source>&amp;Skip</source>
        <translation>&amp;Omitir</translation>
    </message>
    <message>
        <source>Skip the rating</source>
        <translation>Omitir la valoración</translation>
    </message>
    <message>
        <source>Snoozed the most times in a row; take or skip this break</source>
        <translation>Pospuesto el máximo de veces seguidas; toma este descanso o sáltalo</translation>
    </message>
    <message>
        <source>Break finished: {name}</source>
        <translation>Descanso terminado: {name}</translation>
    </message>
    <message>
        <source>Rest</source>
        <translation>Descanso entre series</translation>
    </message>
    <message>
        <source>Step {n} of {count}</source>
        <translation>Paso {n} de {count}</translation>
    </message>
    <message>
        <source>{time} left</source>
        <translation>quedan {time}</translation>
    </message>
    <message>
        <source>Check each point, then press Next.</source>
        <translation>Revisa cada punto y presiona Siguiente.</translation>
    </message>
    <message>
        <source>Rest {seconds} s</source>
        <translation>Descansa {seconds} s</translation>
    </message>
    <message>
        <source>Left side</source>
        <translation>Lado izquierdo</translation>
    </message>
    <message>
        <source>Right side</source>
        <translation>Lado derecho</translation>
    </message>
    <message>
        <source>Rep {n} of {count}</source>
        <translation>Repetición {n} de {count}</translation>
    </message>
    <message>
        <source>Breath {n} of {count}</source>
        <translation>Respiración {n} de {count}</translation>
    </message>
    <message>
        <source>Set {n} of {count}</source>
        <translation>Serie {n} de {count}</translation>
    </message>
    <message>
        <source>Next: set {n} of {count}</source>
        <translation>A continuación: serie {n} de {count}</translation>
    </message>
    <message>
        <source>Rest, then do set {n} of {count} of {name}.</source>
        <translation>Descansa y luego haz la serie {n} de {count} de {name}.</translation>
    </message>
    <message>
        <source>hold</source>
        <translation>mantén</translation>
    </message>
    <message>
        <source>this rep</source>
        <translation>esta repetición</translation>
    </message>
    <message>
        <source>rest</source>
        <translation>descanso</translation>
    </message>
    <message>
        <source>left</source>
        <translation>quedan</translation>
    </message>
    <message>
        <source>relax</source>
        <translation>relájate</translation>
    </message>
    <message>
        <source>Your therapist&apos;s notes: {notes}</source>
        <translation>Notas de tu fisioterapeuta: {notes}</translation>
    </message>
    <message>
        <source>New to you: read these cautions before you start</source>
        <translation>Ejercicio nuevo para ti: lee estas precauciones antes de empezar</translation>
    </message>
    <message>
        <source>Progression: {text}</source>
        <translation>Progresión: {text}</translation>
    </message>
    <message>
        <source>Too hard? Try: {names}</source>
        <translation>¿Muy difícil? Prueba: {names}</translation>
    </message>
    <message>
        <source>Too easy? Try: {names}</source>
        <translation>¿Muy fácil? Prueba: {names}</translation>
    </message>
    <message>
        <source>&amp;Resume</source>
        <translation>&amp;Reanudar</translation>
    </message>
    <message>
        <source>Resume</source>
        <translation>Reanudar</translation>
    </message>
    <message>
        <source>{name} (paused)</source>
        <translation>{name} (en pausa)</translation>
    </message>
    <message>
        <source>&amp;Done</source>
        <translation>&amp;Hecho</translation>
    </message>
    <message>
        <source>Done</source>
        <translation>Hecho</translation>
    </message>
    <message>
        <source>End the break now; the routine counts as you did it</source>
        <translation>Terminar el descanso ahora; la rutina cuenta como la hiciste</translation>
    </message>
    <message>
        <source>Keep moving</source>
        <translation>Sigue en movimiento</translation>
    </message>
    <message>
        <source>Routine done</source>
        <translation>Rutina hecha</translation>
    </message>
    <message>
        <source>This break lasts {minutes} min. Press Done whenever you want to stop.</source>
        <translation>Este descanso dura {minutes} min. Presiona Hecho cuando quieras parar.</translation>
    </message>
    <message>
        <source>Walk around at an easy pace.</source>
        <translation>Camina a un ritmo tranquilo.</translation>
    </message>
    <message>
        <source>Look into the distance: out of a window, or the far end of the room.</source>
        <translation>Mira a lo lejos: por una ventana o al fondo de la habitación.</translation>
    </message>
    <message>
        <source>Let your shoulders hang loose; roll them now and then.</source>
        <translation>Deja los hombros sueltos; gíralos de vez en cuando.</translation>
    </message>
</context>
<context>
    <name>Handout</name>
    <message>
        <source>{label}: {value}</source>
        <translation>{label}: {value}</translation>
    </message>
    <message>
        <source>{heading}:</source>
        <translation>{heading}:</translation>
    </message>
    <message>
        <source>Phone</source>
        <translation>Teléfono</translation>
    </message>
    <message>
        <source>Clinician</source>
        <translation>Profesional</translation>
    </message>
    <message>
        <source>For</source>
        <translation>Para</translation>
    </message>
    <message>
        <source>Start</source>
        <translation>Inicio</translation>
    </message>
    <message>
        <source>Review</source>
        <translation>Revisión</translation>
    </message>
    <message>
        <source>At your work breaks: {exercises}</source>
        <translation>En tus descansos del trabajo: {exercises}</translation>
    </message>
    <message numerus="yes">
        <source>Take a break every %n minutes</source>
        <translation>
            <numerusform>Toma un descanso cada %n minuto</numerusform>
            <numerusform>Toma un descanso cada %n minutos</numerusform>
        </translation>
    </message>
    <message>
        <source>{session}, {when}: {exercises}</source>
        <translation>{session}, {when}: {exercises}</translation>
    </message>
    <message>
        <source>When</source>
        <translation>Cuándo</translation>
    </message>
    <message>
        <source>Your exercises</source>
        <translation>Tus ejercicios</translation>
    </message>
    <message>
        <source>Dose</source>
        <translation>Dosis</translation>
    </message>
    <message>
        <source>How often</source>
        <translation>Frecuencia</translation>
    </message>
    <message>
        <source>Notes</source>
        <translation>Notas</translation>
    </message>
    <message>
        <source>Progression</source>
        <translation>Progresión</translation>
    </message>
    <message>
        <source>Cautions</source>
        <translation>Precauciones</translation>
    </message>
    <message>
        <source>Ice and heat</source>
        <translation>Frío y calor</translation>
    </message>
    <message>
        <source>Safety</source>
        <translation>Seguridad</translation>
    </message>
    <message>
        <source>From your clinician</source>
        <translation>De tu profesional</translation>
    </message>
    <message>
        <source>Urgent care</source>
        <translation>Atención urgente</translation>
    </message>
    <message>
        <source>Get your back evaluated if</source>
        <translation>Haz que te evalúen la espalda si</translation>
    </message>
    <message>
        <source>Questions? Call {clinic}: {phone}</source>
        <translation>¿Dudas? Llama a {clinic}: {phone}</translation>
    </message>
    <message>
        <source>Mon</source>
        <translation>lun</translation>
    </message>
    <message>
        <source>Tue</source>
        <translation>mar</translation>
    </message>
    <message>
        <source>Wed</source>
        <translation>mié</translation>
    </message>
    <message>
        <source>Thu</source>
        <translation>jue</translation>
    </message>
    <message>
        <source>Fri</source>
        <translation>vie</translation>
    </message>
    <message>
        <source>Sat</source>
        <translation>sáb</translation>
    </message>
    <message>
        <source>Sun</source>
        <translation>dom</translation>
    </message>
    <message>
        <source>Exercise</source>
        <translation>Ejercicio</translation>
    </message>
    <message>
        <source>Tick a box each time you do an exercise. Bring this sheet to your review on {date}.</source>
        <translation>Marca una casilla cada vez que hagas un ejercicio. Trae esta hoja a tu revisión del {date}.</translation>
    </message>
    <message>
        <source>Tick a box each time you do an exercise. Bring this sheet to your next appointment.</source>
        <translation>Marca una casilla cada vez que hagas un ejercicio. Trae esta hoja a tu próxima cita.</translation>
    </message>
    <message>
        <source>Week starting: {blank}</source>
        <translation>Semana que empieza el: {blank}</translation>
    </message>
    <message>
        <source>Weekly tick sheet</source>
        <translation>Hoja de registro semanal</translation>
    </message>
    <message>
        <source>Page {page} of {pages}</source>
        <translation>Página {page} de {pages}</translation>
    </message>
    <message>
        <source>{clinic} · {title}</source>
        <translation>{clinic} · {title}</translation>
    </message>
</context>
<context>
    <name>History</name>
    <message>
        <source>Posture Coach could not read the journal</source>
        <translation>Posture Coach no pudo leer el diario</translation>
    </message>
    <message>
        <source>Exported to %1 (readable by you only).</source>
        <translation>Exportado a %1 (solo tú puedes leerlo).</translation>
    </message>
    <message>
        <source>Could not delete %1: %2. Close other programs using it and try again.</source>
        <translation>No se pudo borrar %1: %2. Cierra los otros programas que lo usen y vuelve a intentarlo.</translation>
    </message>
    <message>
        <source>All your data was deleted from this computer. A new, empty journal was started.</source>
        <translation>Se borraron todos tus datos de esta computadora. Se empezó un diario nuevo y vacío.</translation>
    </message>
    <message>
        <source>Syncing was turned off on this computer; the files in the sync folder were kept.</source>
        <translation>Se desactivó la sincronización en esta computadora; los archivos de la carpeta de sincronización se conservaron.</translation>
    </message>
</context>
<context>
    <name>HistoryWindow</name>
    <message>
        <source>History</source>
        <translation>Historial</translation>
    </message>
    <message>
        <source>Time to get evaluated</source>
        <translation>Es hora de que te evalúen</translation>
    </message>
    <message>
        <source>Today</source>
        <translation>Hoy</translation>
    </message>
    <message>
        <source>Streak</source>
        <translation>Racha</translation>
    </message>
    <message>
        <source>Adherence</source>
        <translation>Adherencia</translation>
    </message>
    <message>
        <source>Ice and heat</source>
        <translation>Frío y calor</translation>
    </message>
    <message>
        <source>History views</source>
        <translation>Vistas del historial</translation>
    </message>
    <message>
        <source>&amp;Breaks</source>
        <translation>De&amp;scansos</translation>
    </message>
    <message>
        <source>&amp;Pain</source>
        <translation>&amp;Dolor</translation>
    </message>
    <message>
        <source>E&amp;xercises</source>
        <translation>&amp;Ejercicios</translation>
    </message>
    <message>
        <source>Ac&amp;tivities</source>
        <translation>Ac&amp;tividades</translation>
    </message>
    <message>
        <source>&amp;Day</source>
        <translation>Dí&amp;a</translation>
    </message>
    <message>
        <source>Message</source>
        <translation>Mensaje</translation>
    </message>
    <message>
        <source>&amp;Export…</source>
        <translation>E&amp;xportar…</translation>
    </message>
    <message>
        <source>Export the journal to a file</source>
        <translation>Exportar el diario a un archivo</translation>
    </message>
    <message>
        <source>Delete all my data…</source>
        <translation>Borrar todos mis datos…</translation>
    </message>
    <message>
        <source>Delete all my data</source>
        <translation>Borrar todos mis datos</translation>
    </message>
    <message>
        <source>Deletes the journal, its backups and the logs from this computer. Asks twice.</source>
        <translation>Borra de esta computadora el diario, sus copias de seguridad y los registros. Pregunta dos veces.</translation>
    </message>
    <message>
        <source>Close</source>
        <translation>Cerrar</translation>
    </message>
    <message>
        <source>Close the history</source>
        <translation>Cerrar el historial</translation>
    </message>
    <message>
        <source>How many days to show</source>
        <translation>Cuántos días mostrar</translation>
    </message>
    <message numerus="yes">
        <source>Last %n days</source>
        <translation>
            <numerusform>Último %n día</numerusform>
            <numerusform>Últimos %n días</numerusform>
        </translation>
    </message>
    <message>
        <source>&amp;Show:</source>
        <translation>&amp;Mostrar:</translation>
    </message>
    <message>
        <source>A day to open</source>
        <translation>Un día para abrir</translation>
    </message>
    <message>
        <source>Open a da&amp;y:</source>
        <translation>Abrir &amp;un día:</translation>
    </message>
    <message>
        <source>&amp;Open</source>
        <translation>A&amp;brir</translation>
    </message>
    <message>
        <source>Open the chosen day</source>
        <translation>Abrir el día elegido</translation>
    </message>
    <message>
        <source>How well you can do the activities your physical therapist named, from 0 (unable) to 10 (as well as before the problem). Higher is better.</source>
        <translation>Qué tan bien puedes hacer las actividades que nombró tu fisioterapeuta, de 0 (no puedes) a 10 (tan bien como antes del problema). Más alto es mejor.</translation>
    </message>
    <message>
        <source>Activity</source>
        <translation>Actividad</translation>
    </message>
    <message>
        <source>First</source>
        <translation>Primera</translation>
    </message>
    <message>
        <source>Latest</source>
        <translation>Última</translation>
    </message>
    <message>
        <source>Change</source>
        <translation>Cambio</translation>
    </message>
    <message>
        <source>Activity ratings: first, latest and change</source>
        <translation>Calificaciones de actividades: primera, última y cambio</translation>
    </message>
    <message>
        <source>Breaks per day</source>
        <translation>Descansos por día</translation>
    </message>
    <message>
        <source>A bar per day: breaks done, partly done, natural, skipped and snoozed. Click a bar to open that day; the table below lists the same days.</source>
        <translation>Una barra por día: descansos hechos, hechos en parte, naturales, saltados y pospuestos. Haz clic en una barra para abrir ese día; la tabla de abajo muestra los mismos días.</translation>
    </message>
    <message>
        <source>Day</source>
        <translation>Día</translation>
    </message>
    <message>
        <source>Taken</source>
        <translation>Hechos</translation>
    </message>
    <message>
        <source>Planned</source>
        <translation>Previstos</translation>
    </message>
    <message>
        <source>Skipped</source>
        <translation>Saltados</translation>
    </message>
    <message>
        <source>Snoozed</source>
        <translation>Pospuestos</translation>
    </message>
    <message>
        <source>Pain</source>
        <translation>Dolor</translation>
    </message>
    <message>
        <source>Days; press Enter to open one</source>
        <translation>Días; presiona Enter para abrir uno</translation>
    </message>
    <message>
        <source>Pain over the last 90 days</source>
        <translation>Dolor en los últimos 90 días</translation>
    </message>
    <message>
        <source>Pain summary</source>
        <translation>Resumen del dolor</translation>
    </message>
    <message>
        <source>Activity ratings over time</source>
        <translation>Calificaciones de actividades a lo largo del tiempo</translation>
    </message>
    <message>
        <source>A line per activity, 0 to 10; the table below lists the same ratings.</source>
        <translation>Una línea por actividad, de 0 a 10; la tabla de abajo muestra las mismas calificaciones.</translation>
    </message>
    <message>
        <source>How often each exercise was done in the last 90 days:</source>
        <translation>Cuántas veces se hizo cada ejercicio en los últimos 90 días:</translation>
    </message>
    <message>
        <source>Exercise</source>
        <translation>Ejercicio</translation>
    </message>
    <message>
        <source>Times</source>
        <translation>Veces</translation>
    </message>
    <message>
        <source>Exercises and how often they were done</source>
        <translation>Ejercicios y cuántas veces se hicieron</translation>
    </message>
    <message>
        <source>Open a day from the Breaks tab.</source>
        <translation>Abre un día desde la pestaña Descansos.</translation>
    </message>
    <message>
        <source>Entries of the day</source>
        <translation>Entradas del día</translation>
    </message>
    <message numerus="yes">
        <source>Working days in a row meeting the daily goal (breaks taken ≥ %1): %n</source>
        <translation>
            <numerusform>Días laborables seguidos cumpliendo el objetivo diario (descansos hechos ≥ %1): %n</numerusform>
            <numerusform>Días laborables seguidos cumpliendo el objetivo diario (descansos hechos ≥ %1): %n</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>No breaks were planned in the last %n days.</source>
        <translation>
            <numerusform>No hubo descansos previstos en el último %n día.</numerusform>
            <numerusform>No hubo descansos previstos en los últimos %n días.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%1 % over the last %n days: %2 of %3 planned breaks taken in working hours</source>
        <translation>
            <numerusform>%1 % en el último %n día: %2 de %3 descansos previstos hechos en horario laboral</numerusform>
            <numerusform>%1 % en los últimos %n días: %2 de %3 descansos previstos hechos en horario laboral</numerusform>
        </translation>
    </message>
    <message>
        <source>Sessions in the last 90 days: ice %1, heat %2</source>
        <translation>Sesiones en los últimos 90 días: frío %1, calor %2</translation>
    </message>
    <message>
        <source>Done</source>
        <translation>Hechos</translation>
    </message>
    <message>
        <source>Partly done</source>
        <translation>Hechos en parte</translation>
    </message>
    <message>
        <source>Natural</source>
        <translation>Naturales</translation>
    </message>
    <message>
        <source>%1 to %2</source>
        <translation>%1 a %2</translation>
    </message>
    <message>
        <source>Pain (0-10), daily average</source>
        <translation>Dolor (0-10), promedio diario</translation>
    </message>
    <message numerus="yes">
        <source>Days with a rating in the last 90 days: %n; latest: %1 on %2</source>
        <translation>
            <numerusform>Días con valoración en los últimos 90 días: %n; la última: %1 el %2</numerusform>
            <numerusform>Días con valoración en los últimos 90 días: %n; la última: %1 el %2</numerusform>
        </translation>
    </message>
    <message>
        <source>%7 taken (%1 done, %2 partly done, %3 natural), %4 skipped, %5 snoozed; %6 planned so far</source>
        <translation>Hechas: %7 (completas: %1, en parte: %2, naturales: %3), saltadas: %4, pospuestas: %5; previstas hasta ahora: %6</translation>
    </message>
    <message numerus="yes">
        <source>100 % over the last %n days: %2 breaks taken in working hours, more than the %3 planned</source>
        <translation>
            <numerusform>100 % en el último %n día: %2 descansos hechos en horario laboral, más que los %3 previstos</numerusform>
            <numerusform>100 % en los últimos %n días: %2 descansos hechos en horario laboral, más que los %3 previstos</numerusform>
        </translation>
    </message>
    <message>
        <source>No pain ratings in the last 90 days. Use &quot;Log my pain now&quot; in the tray menu.</source>
        <translation>No hay valoraciones del dolor en los últimos 90 días. Usa «Registrar mi dolor ahora» en el menú de la bandeja.</translation>
    </message>
    <message>
        <source>Rating (0-10)</source>
        <translation>Calificación (0-10)</translation>
    </message>
    <message>
        <source>done</source>
        <translation>hecho</translation>
    </message>
    <message>
        <source>partly done</source>
        <translation>hecho en parte</translation>
    </message>
    <message>
        <source>natural break (away from the computer)</source>
        <translation>descanso natural (lejos de la computadora)</translation>
    </message>
    <message>
        <source>skipped</source>
        <translation>saltado</translation>
    </message>
    <message>
        <source>snoozed</source>
        <translation>pospuesto</translation>
    </message>
    <message>
        <source>%1 Natural break (away from the computer)</source>
        <translation>%1 Descanso natural (lejos de la computadora)</translation>
    </message>
    <message>
        <source>Break away from the computer</source>
        <translation>Descanso lejos de la computadora</translation>
    </message>
    <message>
        <source>%1 %2: %3</source>
        <translation>%1 %2: %3</translation>
    </message>
    <message>
        <source>%1 %2: %3 — %4 of %5 exercises done</source>
        <translation>%1 %2: %3 — %4 de %5 ejercicios hechos</translation>
    </message>
    <message>
        <source>%1 %2: %3 — %4 of %5 exercises done (%6)</source>
        <translation>%1 %2: %3 — %4 de %5 ejercicios hechos (%6)</translation>
    </message>
    <message>
        <source>, </source>
        <translation>, </translation>
    </message>
    <message>
        <source>%1 %2 for %3 min (stopped early)</source>
        <translation>%1 %2 durante %3 min (detenida antes de tiempo)</translation>
    </message>
    <message>
        <source>%1 Breaks paused until %2</source>
        <translation>%1 Descansos en pausa hasta las %2</translation>
    </message>
    <message>
        <source>%1 Pain %2/10</source>
        <translation>%1 Dolor %2/10</translation>
    </message>
    <message>
        <source>gets in the way of sleep</source>
        <translation>dificulta dormir</translation>
    </message>
    <message>
        <source>gets in the way of work</source>
        <translation>dificulta trabajar</translation>
    </message>
    <message>
        <source>Ice</source>
        <translation>Frío</translation>
    </message>
    <message>
        <source>Heat</source>
        <translation>Calor</translation>
    </message>
    <message>
        <source>%1 %2 for %3 min</source>
        <translation>%1 %2 durante %3 min</translation>
    </message>
    <message>
        <source>%1 Breaks paused</source>
        <translation>%1 Descansos en pausa</translation>
    </message>
    <message>
        <source>Nothing was recorded on this day.</source>
        <translation>No se registró nada este día.</translation>
    </message>
    <message>
        <source>CSV for spreadsheets (*.csv)</source>
        <translation>CSV para hojas de cálculo (*.csv)</translation>
    </message>
    <message>
        <source>JSON, can be imported again (*.json)</source>
        <translation>JSON, se puede volver a importar (*.json)</translation>
    </message>
    <message>
        <source>Export the journal</source>
        <translation>Exportar el diario</translation>
    </message>
    <message>
        <source>Delete all my data?</source>
        <translation>¿Borrar todos mis datos?</translation>
    </message>
    <message>
        <source>This deletes your journal (every break, pain rating and ice/heat session), its backups and the log files from this computer. Exports you saved elsewhere are kept. Continue?</source>
        <translation>Esto borra de esta computadora tu diario (cada descanso, valoración del dolor y sesión de frío/calor), sus copias de seguridad y los archivos de registro. Las exportaciones que guardaste en otro lugar se conservan. ¿Continuar?</translation>
    </message>
    <message>
        <source>Really delete everything?</source>
        <translation>¿Seguro que quieres borrarlo todo?</translation>
    </message>
    <message>
        <source>This cannot be undone. Delete all your data now?</source>
        <translation>No se puede deshacer. ¿Borrar ahora todos tus datos?</translation>
    </message>
</context>
<context>
    <name>HomeProgram</name>
    <message>
        <source>Home session: %1</source>
        <translation>Sesión en casa: %1</translation>
    </message>
    <message>
        <source>{program}: {exercises}</source>
        <translation>{program}: {exercises}</translation>
    </message>
    <message>
        <source>Import a home program</source>
        <translation>Importar un programa en casa</translation>
    </message>
    <message>
        <source>Home program (*.pcprogram *.yaml *.yml)</source>
        <translation>Programa en casa (*.pcprogram *.yaml *.yml)</translation>
    </message>
    <message>
        <source>The program was not imported</source>
        <translation>El programa no se importó</translation>
    </message>
    <message>
        <source>Print the home program</source>
        <translation>Imprimir el programa en casa</translation>
    </message>
    <message>
        <source>name</source>
        <translation>nombre</translation>
    </message>
    <message>
        <source>id</source>
        <translation>id</translation>
    </message>
    <message>
        <source>kind</source>
        <translation>tipo</translation>
    </message>
    <message>
        <source>position</source>
        <translation>posición</translation>
    </message>
    <message>
        <source>summary</source>
        <translation>resumen</translation>
    </message>
    <message>
        <source>steps</source>
        <translation>pasos</translation>
    </message>
    <message>
        <source>dose</source>
        <translation>dosis</translation>
    </message>
    <message>
        <source>cautions</source>
        <translation>precauciones</translation>
    </message>
    <message>
        <source>source</source>
        <translation>fuente</translation>
    </message>
    <message>
        <source>drawing</source>
        <translation>dibujo</translation>
    </message>
    <message>
        <source>easier versions</source>
        <translation>versiones más fáciles</translation>
    </message>
    <message>
        <source>harder versions</source>
        <translation>versiones más difíciles</translation>
    </message>
    <message>
        <source>time</source>
        <translation>hora</translation>
    </message>
    <message>
        <source>days</source>
        <translation>días</translation>
    </message>
    <message>
        <source>exercises</source>
        <translation>ejercicios</translation>
    </message>
    <message>
        <source>Exercise {name}, {field}: {problem}</source>
        <translation>Ejercicio {name}, {field}: {problem}</translation>
    </message>
    <message>
        <source>Exercise {name}: {problem}</source>
        <translation>Ejercicio {name}: {problem}</translation>
    </message>
    <message>
        <source>Home session {name}, {field}: {problem}</source>
        <translation>Sesión en casa {name}, {field}: {problem}</translation>
    </message>
    <message>
        <source>session</source>
        <translation>sesión</translation>
    </message>
    <message>
        <source>Handout preview</source>
        <translation>Vista previa del folleto</translation>
    </message>
</context>
<context>
    <name>IceHeatWindow</name>
    <message>
        <source>Ice or heat</source>
        <translation>Frío o calor</translation>
    </message>
    <message>
        <source>Ice or heat session</source>
        <translation>Sesión de frío o calor</translation>
    </message>
    <message>
        <source>&lt;h2&gt;Ice or heat for your upper back&lt;/h2&gt;</source>
        <translation>&lt;h2&gt;Frío o calor para la parte alta de la espalda&lt;/h2&gt;</translation>
    </message>
    <message>
        <source>Drawing</source>
        <translation>Dibujo</translation>
    </message>
    <message>
        <source>How to use it</source>
        <translation>Cómo usarlo</translation>
    </message>
    <message>
        <source>&lt;b&gt;Protect your skin&lt;/b&gt;</source>
        <translation>&lt;b&gt;Protege tu piel&lt;/b&gt;</translation>
    </message>
    <message>
        <source>Skin safety</source>
        <translation>Cuidado de la piel</translation>
    </message>
    <message>
        <source> min</source>
        <translation> min</translation>
    </message>
    <message>
        <source>Minutes</source>
        <translation>Minutos</translation>
    </message>
    <message>
        <source>From 1 to {maximum} minutes</source>
        <translation>De 1 a {maximum} minutos</translation>
    </message>
    <message>
        <source>&amp;Duration:</source>
        <translation>&amp;Duración:</translation>
    </message>
    <message>
        <source>Note about the duration</source>
        <translation>Nota sobre la duración</translation>
    </message>
    <message>
        <source>Time since your last session</source>
        <translation>Tiempo desde tu última sesión</translation>
    </message>
    <message>
        <source>&amp;Start</source>
        <translation>&amp;Empezar</translation>
    </message>
    <message>
        <source>Start</source>
        <translation>Empezar</translation>
    </message>
    <message>
        <source>Start the countdown</source>
        <translation>Iniciar la cuenta regresiva</translation>
    </message>
    <message>
        <source>&amp;Close</source>
        <translation>&amp;Cerrar</translation>
    </message>
    <message>
        <source>Close</source>
        <translation>Cerrar</translation>
    </message>
    <message>
        <source>Close this window</source>
        <translation>Cerrar esta ventana</translation>
    </message>
    <message>
        <source>Session</source>
        <translation>Sesión</translation>
    </message>
    <message>
        <source>Time left</source>
        <translation>Tiempo restante</translation>
    </message>
    <message>
        <source>Session status</source>
        <translation>Estado de la sesión</translation>
    </message>
    <message>
        <source>S&amp;top</source>
        <translation>&amp;Detener</translation>
    </message>
    <message>
        <source>Stop</source>
        <translation>Detener</translation>
    </message>
    <message>
        <source>Stop the session now</source>
        <translation>Detener la sesión ahora</translation>
    </message>
    <message>
        <source>&amp;Back</source>
        <translation>&amp;Atrás</translation>
    </message>
    <message>
        <source>Back</source>
        <translation>Atrás</translation>
    </message>
    <message>
        <source>Choose another session</source>
        <translation>Elegir otra sesión</translation>
    </message>
    <message>
        <source>&lt;p&gt;Choose &lt;b&gt;ice&lt;/b&gt; for a recent strain or &lt;b&gt;heat&lt;/b&gt; for chronic tightness.&lt;/p&gt;</source>
        <translation>&lt;p&gt;Elige &lt;b&gt;frío&lt;/b&gt; para una distensión reciente o &lt;b&gt;calor&lt;/b&gt; para la rigidez crónica.&lt;/p&gt;</translation>
    </message>
    <message>
        <source>{low}–{high} minutes as tolerated; never more than {maximum}.</source>
        <translation>{low}–{high} minutos según tolerancia; nunca más de {maximum}.</translation>
    </message>
    <message>
        <source>Your last session ended at {time}; about an hour between sessions is reasonable.</source>
        <translation>Tu última sesión terminó a las {time}; es razonable dejar una hora entre sesiones.</translation>
    </message>
    <message numerus="yes">
        <source>%n minute(s), until {time}</source>
        <translation>
            <numerusform>%n minuto, hasta las {time}</numerusform>
            <numerusform>%n minutos, hasta las {time}</numerusform>
        </translation>
    </message>
    <message>
        <source>Time is up: take the pack off and let your skin rest.</source>
        <translation>Se acabó el tiempo: quítate la bolsa de frío o calor y deja descansar la piel.</translation>
    </message>
    <message>
        <source>Stopped after {time}. Take the pack off.</source>
        <translation>Detenida después de {time}. Quítate la bolsa de frío o calor.</translation>
    </message>
</context>
<context>
    <name>ImportPreviewDialog</name>
    <message>
        <source>Home program: import preview</source>
        <translation>Programa en casa: vista previa de la importación</translation>
    </message>
    <message>
        <source>Program</source>
        <translation>Programa</translation>
    </message>
    <message>
        <source>Cancel: change nothing</source>
        <translation>Cancelar: no cambiar nada</translation>
    </message>
    <message>
        <source>&amp;Import and activate</source>
        <translation>&amp;Importar y activar</translation>
    </message>
    <message>
        <source>Import and activate the program</source>
        <translation>Importar y activar el programa</translation>
    </message>
    <message>
        <source>Close</source>
        <translation>Cerrar</translation>
    </message>
    <message>
        <source>Importing this program will change this:</source>
        <translation>Importar este programa cambiará esto:</translation>
    </message>
    <message>
        <source>%1 cannot be imported</source>
        <translation>%1 no se puede importar</translation>
    </message>
    <message>
        <source>Nothing was changed. Ask your therapist to fix these problems (each says where in the file):</source>
        <translation>No se cambió nada. Pide a tu fisioterapeuta que corrija estos problemas (cada uno dice en qué parte del archivo está):</translation>
    </message>
</context>
<context>
    <name>Launcher</name>
    <message>
        <source>{app}: starting…</source>
        <translation>{app}: iniciando…</translation>
    </message>
</context>
<context>
    <name>LibraryWindow</name>
    <message>
        <source>{minutes} min {seconds} s</source>
        <translation>{minutes} min {seconds} s</translation>
    </message>
    <message>
        <source>{minutes} min</source>
        <translation>{minutes} min</translation>
    </message>
    <message>
        <source>{seconds} s</source>
        <translation>{seconds} s</translation>
    </message>
    <message>
        <source>Exercise library — {app}</source>
        <translation>Biblioteca de ejercicios — {app}</translation>
    </message>
    <message>
        <source>Menu bar</source>
        <translation>Barra de menús</translation>
    </message>
    <message>
        <source>&amp;File</source>
        <translation>&amp;Archivo</translation>
    </message>
    <message>
        <source>&amp;Close window</source>
        <translation>&amp;Cerrar ventana</translation>
    </message>
    <message>
        <source>&amp;Quit</source>
        <translation>&amp;Salir</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>Nombre</translation>
    </message>
    <message>
        <source>Length</source>
        <translation>Duración</translation>
    </message>
    <message>
        <source>Routines and exercises</source>
        <translation>Rutinas y ejercicios</translation>
    </message>
    <message>
        <source>Choose a routine or an exercise to see its details</source>
        <translation>Elige una rutina o un ejercicio para ver sus detalles</translation>
    </message>
    <message>
        <source>Routines</source>
        <translation>Rutinas</translation>
    </message>
    <message>
        <source>Exercises</source>
        <translation>Ejercicios</translation>
    </message>
    <message>
        <source>Illustration: start and end position</source>
        <translation>Ilustración: posición inicial y final</translation>
    </message>
    <message>
        <source>Details</source>
        <translation>Detalles</translation>
    </message>
    <message>
        <source>About {length}.</source>
        <translation>Alrededor de {length}.</translation>
    </message>
    <message>
        <source>&lt;b&gt;You need:&lt;/b&gt; {things}</source>
        <translation>&lt;b&gt;Necesitas:&lt;/b&gt; {things}</translation>
    </message>
    <message>
        <source>&lt;b&gt;Dose:&lt;/b&gt; {dose} (about {length})</source>
        <translation>&lt;b&gt;Dosis:&lt;/b&gt; {dose} (alrededor de {length})</translation>
    </message>
    <message>
        <source>Source: {source}</source>
        <translation>Fuente: {source}</translation>
    </message>
    <message>
        <source>Easier:</source>
        <translation>Más fácil:</translation>
    </message>
    <message>
        <source>Harder:</source>
        <translation>Más difícil:</translation>
    </message>
    <message>
        <source>Steps</source>
        <translation>Pasos</translation>
    </message>
    <message>
        <source>Cautions</source>
        <translation>Precauciones</translation>
    </message>
</context>
<context>
    <name>Notice</name>
    <message numerus="yes">
        <source>{routine}, about %n minute(s)</source>
        <translation>
            <numerusform>{routine}, unos %n minuto</numerusform>
            <numerusform>{routine}, unos %n minutos</numerusform>
        </translation>
    </message>
    <message>
        <source>{n} s</source>
        <translation>{n} s</translation>
    </message>
    <message>
        <source>{n} min</source>
        <translation>{n} min</translation>
    </message>
    <message>
        <source>Break in {time}</source>
        <translation>Descanso en {time}</translation>
    </message>
    <message>
        <source>Time for a break</source>
        <translation>Es hora de un descanso</translation>
    </message>
</context>
<context>
    <name>PainDialog</name>
    <message>
        <source>Log my pain now</source>
        <translation>Registrar mi dolor ahora</translation>
    </message>
    <message>
        <source>How does your upper back feel right now?</source>
        <translation>¿Cómo sientes ahora la parte alta de la espalda?</translation>
    </message>
    <message>
        <source>0 no pain</source>
        <translation>0 sin dolor</translation>
    </message>
    <message>
        <source>Pain rating from 0 to 10</source>
        <translation>Valoración del dolor de 0 a 10</translation>
    </message>
    <message>
        <source>0 is no pain, 10 is the worst pain imaginable. Use the arrow keys.</source>
        <translation>0 es sin dolor, 10 es el peor dolor imaginable. Usa las teclas de flecha.</translation>
    </message>
    <message>
        <source>10 worst</source>
        <translation>10 el peor</translation>
    </message>
    <message>
        <source>A note, if you like (what you were doing…)</source>
        <translation>Una nota, si quieres (qué estabas haciendo…)</translation>
    </message>
    <message>
        <source>Note</source>
        <translation>Nota</translation>
    </message>
    <message>
        <source>The pain gets in the way of my &amp;sleep</source>
        <translation>El dolor me dificulta &amp;dormir</translation>
    </message>
    <message>
        <source>The pain gets in the way of my sleep</source>
        <translation>El dolor me dificulta dormir</translation>
    </message>
    <message>
        <source>The pain gets in the way of my &amp;work</source>
        <translation>El dolor me dificulta &amp;trabajar</translation>
    </message>
    <message>
        <source>The pain gets in the way of my work</source>
        <translation>El dolor me dificulta trabajar</translation>
    </message>
    <message>
        <source>Save the rating</source>
        <translation>Guardar la valoración</translation>
    </message>
    <message>
        <source>Cancel without saving</source>
        <translation>Cancelar sin guardar</translation>
    </message>
    <message>
        <source>%1 / 10</source>
        <translation>%1 / 10</translation>
    </message>
</context>
<context>
    <name>Plan</name>
    <message>
        <source>Breaks paused during your ice/heat session</source>
        <translation>Descansos en pausa durante tu sesión de frío/calor</translation>
    </message>
    <message>
        <source>Breaks paused while you are away</source>
        <translation>Descansos en pausa mientras no estás</translation>
    </message>
    <message>
        <source>Breaks paused by you</source>
        <translation>Pusiste los descansos en pausa</translation>
    </message>
    <message>
        <source>Breaks paused while a break is on screen</source>
        <translation>Descansos en pausa mientras hay un descanso en pantalla</translation>
    </message>
    <message>
        <source>; </source>
        <translation>; </translation>
    </message>
    <message>
        <source>No breaks planned: no working days are set</source>
        <translation>No hay descansos previstos: no hay días laborables configurados</translation>
    </message>
    <message>
        <source>A break is due now</source>
        <translation>Toca un descanso ahora</translation>
    </message>
    <message>
        <source>Mon</source>
        <translation>lunes</translation>
    </message>
    <message>
        <source>Tue</source>
        <translation>martes</translation>
    </message>
    <message>
        <source>Wed</source>
        <translation>miércoles</translation>
    </message>
    <message>
        <source>Thu</source>
        <translation>jueves</translation>
    </message>
    <message>
        <source>Fri</source>
        <translation>viernes</translation>
    </message>
    <message>
        <source>Sat</source>
        <translation>sábado</translation>
    </message>
    <message>
        <source>Sun</source>
        <translation>domingo</translation>
    </message>
    <message>
        <source>{day} {time}</source>
        <translation>el {day} a las {time}</translation>
    </message>
    <message>
        <source>{hours} h {minutes} min</source>
        <translation>{hours} h {minutes} min</translation>
    </message>
    <message>
        <source>{minutes} min</source>
        <translation>{minutes} min</translation>
    </message>
    <message>
        <source>{seconds} s</source>
        <translation>{seconds} s</translation>
    </message>
    <message>
        <source>Outside working hours. Next break {when}</source>
        <translation>Fuera del horario laboral. Próximo descanso: {when}</translation>
    </message>
    <message>
        <source>Paused. Next break at {when} (in {span})</source>
        <translation>En pausa. Próximo descanso: {when} (dentro de {span})</translation>
    </message>
    <message>
        <source>Next break at {when} (in {span})</source>
        <translation>Próximo descanso: {when} (dentro de {span})</translation>
    </message>
</context>
<context>
    <name>PostureCoachApp</name>
    <message>
        <source>A break waits while you are busy (at most {n} min more)</source>
        <translation>Un descanso espera mientras estás ocupado (como máximo {n} min más)</translation>
    </message>
    <message>
        <source>You have snoozed {n} times in a row, the most your settings allow: take or skip this break.</source>
        <translation>Pospusiste {n} veces seguidas, el máximo que permite tu configuración: toma este descanso o sáltalo.</translation>
    </message>
    <message>
        <source>What you just did is kept and will be saved as soon as the journal works again.</source>
        <translation>Lo que acabas de hacer se conserva y se guardará en cuanto el diario vuelva a funcionar.</translation>
    </message>
    <message>
        <source>Posture Coach saves again</source>
        <translation>Posture Coach vuelve a guardar</translation>
    </message>
    <message>
        <source>The journal works again; nothing was lost.</source>
        <translation>El diario vuelve a funcionar; no se perdió nada.</translation>
    </message>
    <message>
        <source>Posture Coach could not save the settings</source>
        <translation>Posture Coach no pudo guardar los ajustes</translation>
    </message>
    <message>
        <source>{error}. They apply until the app quits.</source>
        <translation>{error}. Se aplican hasta que salgas de la aplicación.</translation>
    </message>
    <message>
        <source>Start at login could not be changed</source>
        <translation>No se pudo cambiar el inicio al entrar en la sesión</translation>
    </message>
    <message>
        <source>Keep moving</source>
        <translation>Sigue en movimiento</translation>
    </message>
    <message>
        <source>Posture Coach runs on, but nothing is saved until this is fixed: breaks from now on are kept in memory only. Restart the app once the journal can be opened.</source>
        <translation>Posture Coach sigue funcionando, pero no se guarda nada hasta que esto se arregle: los descansos desde ahora solo se conservan en memoria. Reinicia la aplicación cuando el diario se pueda abrir.</translation>
    </message>
</context>
<context>
    <name>Program</name>
    <message>
        <source>once a day, every day</source>
        <translation>una vez al día, todos los días</translation>
    </message>
    <message numerus="yes">
        <source>%n times a day, every day</source>
        <translation>
            <numerusform>%n vez al día, todos los días</numerusform>
            <numerusform>%n veces al día, todos los días</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>once a day, %n day(s) a week</source>
        <translation>
            <numerusform>una vez al día, %n día a la semana</numerusform>
            <numerusform>una vez al día, %n días a la semana</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>{times} times a day, %n day(s) a week</source>
        <translation>
            <numerusform>{times} veces al día, %n día a la semana</numerusform>
            <numerusform>{times} veces al día, %n días a la semana</numerusform>
        </translation>
    </message>
    <message>
        <source>{dose}, left side</source>
        <translation>{dose}, lado izquierdo</translation>
    </message>
    <message>
        <source>{dose}, right side</source>
        <translation>{dose}, lado derecho</translation>
    </message>
    <message>
        <source>every day at {time}</source>
        <translation>todos los días a las {time}</translation>
    </message>
    <message>
        <source>{days} at {time}</source>
        <translation>{days} a las {time}</translation>
    </message>
    <message>
        <source>Ice</source>
        <translation>Frío</translation>
    </message>
    <message>
        <source>Heat</source>
        <translation>Calor</translation>
    </message>
    <message>
        <source>Ice or heat</source>
        <translation>Frío o calor</translation>
    </message>
    <message>
        <source>{plan}: {when}</source>
        <translation>{plan}: {when}</translation>
    </message>
    <message>
        <source>Home program: desk break</source>
        <translation>Programa en casa: descanso en el escritorio</translation>
    </message>
    <message>
        <source>Your exercises from {clinic} for work breaks</source>
        <translation>Tus ejercicios de {clinic} para los descansos del trabajo</translation>
    </message>
    <message>
        <source>Home program: {session}</source>
        <translation>Programa en casa: {session}</translation>
    </message>
    <message>
        <source>{session}, {when}</source>
        <translation>{session}, {when}</translation>
    </message>
    <message>
        <source>, </source>
        <translation>, </translation>
    </message>
    <message numerus="yes">
        <source>%n minute(s)</source>
        <translation>
            <numerusform>%n minuto</numerusform>
            <numerusform>%n minutos</numerusform>
        </translation>
    </message>
    <message>
        <source>{what} for {minutes}, once a day</source>
        <translation>{what} durante {minutes}, una vez al día</translation>
    </message>
    <message numerus="yes">
        <source>{what} for {minutes}, %n times a day</source>
        <translation>
            <numerusform>{what} durante {minutes}, %n vez al día</numerusform>
            <numerusform>{what} durante {minutes}, %n veces al día</numerusform>
        </translation>
    </message>
    <message>
        <source>no days</source>
        <translation>ningún día</translation>
    </message>
    <message>
        <source>{days}, {start}-{end}</source>
        <translation>{days}, {start}-{end}</translation>
    </message>
    <message>
        <source>Active program: {title} from {clinic} ({clinician})</source>
        <translation>Programa activo: {title} de {clinic} ({clinician})</translation>
    </message>
    <message>
        <source>Active program: {title} from {clinic} ({clinician}), replacing {old}</source>
        <translation>Programa activo: {title} de {clinic} ({clinician}), en lugar de {old}</translation>
    </message>
    <message>
        <source>Breaks every {minutes} minutes (now every {was} minutes)</source>
        <translation>Descansos cada {minutes} minutos (ahora cada {was} minutos)</translation>
    </message>
    <message>
        <source>Breaks every {minutes} minutes (unchanged)</source>
        <translation>Descansos cada {minutes} minutos (sin cambios)</translation>
    </message>
    <message>
        <source>Working hours: {hours} (now {was})</source>
        <translation>Horario laboral: {hours} (ahora {was})</translation>
    </message>
    <message>
        <source>Routine changed: {routine} ({exercises})</source>
        <translation>Rutina cambiada: {routine} ({exercises})</translation>
    </message>
    <message>
        <source>New routine: {routine} ({exercises})</source>
        <translation>Rutina nueva: {routine} ({exercises})</translation>
    </message>
    <message>
        <source>Routine removed: {routine}</source>
        <translation>Rutina eliminada: {routine}</translation>
    </message>
    <message>
        <source>Reminder: {session}, {when}</source>
        <translation>Recordatorio: {session}, {when}</translation>
    </message>
    <message>
        <source>Reminder removed: {session}</source>
        <translation>Recordatorio eliminado: {session}</translation>
    </message>
    <message>
        <source>Ice/heat plan: {plan}</source>
        <translation>Plan de frío/calor: {plan}</translation>
    </message>
    <message>
        <source>Review with your clinician on {day}</source>
        <translation>Revisión con tu profesional el {day}</translation>
    </message>
</context>
<context>
    <name>ProgramEditor</name>
    <message>
        <source>Home program editor</source>
        <translation>Editor del programa en casa</translation>
    </message>
    <message>
        <source>Program parts</source>
        <translation>Partes del programa</translation>
    </message>
    <message>
        <source>&amp;Clinic</source>
        <translation>&amp;Clínica</translation>
    </message>
    <message>
        <source>E&amp;xercises</source>
        <translation>E&amp;jercicios</translation>
    </message>
    <message>
        <source>&amp;Schedule</source>
        <translation>&amp;Horario</translation>
    </message>
    <message>
        <source>H&amp;ome sessions</source>
        <translation>S&amp;esiones en casa</translation>
    </message>
    <message>
        <source>Save status</source>
        <translation>Estado del guardado</translation>
    </message>
    <message>
        <source>&amp;Preview the handout</source>
        <translation>&amp;Vista previa del folleto</translation>
    </message>
    <message>
        <source>Preview the handout</source>
        <translation>Vista previa del folleto</translation>
    </message>
    <message>
        <source>Sa&amp;ve program…</source>
        <translation>G&amp;uardar el programa…</translation>
    </message>
    <message>
        <source>Save the program file</source>
        <translation>Guardar el archivo del programa</translation>
    </message>
    <message>
        <source>Program &amp;title:</source>
        <translation>&amp;Título del programa:</translation>
    </message>
    <message>
        <source>Program title</source>
        <translation>Título del programa</translation>
    </message>
    <message>
        <source>Upper back home program</source>
        <translation>Programa en casa para la parte alta de la espalda</translation>
    </message>
    <message>
        <source>Clinic &amp;name:</source>
        <translation>&amp;Nombre de la clínica:</translation>
    </message>
    <message>
        <source>Clinic name</source>
        <translation>Nombre de la clínica</translation>
    </message>
    <message>
        <source>Clinic phone</source>
        <translation>Teléfono de la clínica</translation>
    </message>
    <message>
        <source>P&amp;hone:</source>
        <translation>Telé&amp;fono:</translation>
    </message>
    <message>
        <source>&amp;Address:</source>
        <translation>&amp;Dirección:</translation>
    </message>
    <message>
        <source>Clinic address</source>
        <translation>Dirección de la clínica</translation>
    </message>
    <message>
        <source>C&amp;linician:</source>
        <translation>&amp;Profesional:</translation>
    </message>
    <message>
        <source>Clinician</source>
        <translation>Profesional</translation>
    </message>
    <message>
        <source>Patient display name</source>
        <translation>Nombre del paciente que se muestra</translation>
    </message>
    <message>
        <source>Start date</source>
        <translation>Fecha de inicio</translation>
    </message>
    <message>
        <source>&amp;Review on</source>
        <translation>&amp;Revisión el</translation>
    </message>
    <message>
        <source>Set a review date</source>
        <translation>Fijar una fecha de revisión</translation>
    </message>
    <message>
        <source>Review date</source>
        <translation>Fecha de revisión</translation>
    </message>
    <message>
        <source>Review:</source>
        <translation>Revisión:</translation>
    </message>
    <message>
        <source>Library</source>
        <translation>Biblioteca</translation>
    </message>
    <message>
        <source>Library exercises</source>
        <translation>Ejercicios de la biblioteca</translation>
    </message>
    <message>
        <source>&amp;Add to the program →</source>
        <translation>&amp;Agregar al programa →</translation>
    </message>
    <message>
        <source>Add the selected exercise to the program</source>
        <translation>Agregar al programa el ejercicio elegido</translation>
    </message>
    <message>
        <source>In the program</source>
        <translation>En el programa</translation>
    </message>
    <message>
        <source>Exercises in the program</source>
        <translation>Ejercicios del programa</translation>
    </message>
    <message>
        <source>&amp;Your own exercise…</source>
        <translation>De&amp;finir un ejercicio…</translation>
    </message>
    <message>
        <source>Define a new exercise of your own</source>
        <translation>Definir un ejercicio nuevo propio</translation>
    </message>
    <message>
        <source>Edit yo&amp;urs…</source>
        <translation>Cam&amp;biar el tuyo…</translation>
    </message>
    <message>
        <source>Edit your own exercise</source>
        <translation>Editar tu propio ejercicio</translation>
    </message>
    <message>
        <source>&amp;Remove</source>
        <translation>&amp;Quitar</translation>
    </message>
    <message>
        <source>Remove the exercise from the program</source>
        <translation>Quitar el ejercicio del programa</translation>
    </message>
    <message>
        <source>Make easier</source>
        <translation>Hacer más fácil</translation>
    </message>
    <message>
        <source>Make harder</source>
        <translation>Hacer más difícil</translation>
    </message>
    <message>
        <source>Swap for an easier version</source>
        <translation>Cambiar por una versión más fácil</translation>
    </message>
    <message>
        <source>Swap for a harder version</source>
        <translation>Cambiar por una versión más difícil</translation>
    </message>
    <message>
        <source>About making it easier or harder</source>
        <translation>Sobre hacerlo más fácil o más difícil</translation>
    </message>
    <message>
        <source>Se&amp;ts:</source>
        <translation>&amp;Series:</translation>
    </message>
    <message>
        <source>Sets</source>
        <translation>Series</translation>
    </message>
    <message>
        <source>Repetitions</source>
        <translation>Repeticiones</translation>
    </message>
    <message>
        <source>&amp;Hold (seconds):</source>
        <translation>&amp;Mantener (segundos):</translation>
    </message>
    <message>
        <source>Hold in seconds</source>
        <translation>Mantener, en segundos</translation>
    </message>
    <message>
        <source>&amp;Minutes:</source>
        <translation>M&amp;inutos:</translation>
    </message>
    <message>
        <source>Minutes</source>
        <translation>Minutos</translation>
    </message>
    <message>
        <source>&amp;Breaths:</source>
        <translation>&amp;Respiraciones:</translation>
    </message>
    <message>
        <source>Slow breaths</source>
        <translation>Respiraciones lentas</translation>
    </message>
    <message>
        <source>both sides</source>
        <translation>ambos lados</translation>
    </message>
    <message>
        <source>left side</source>
        <translation>lado izquierdo</translation>
    </message>
    <message>
        <source>right side</source>
        <translation>lado derecho</translation>
    </message>
    <message>
        <source>no side</source>
        <translation>sin lado</translation>
    </message>
    <message>
        <source>Side</source>
        <translation>Lado</translation>
    </message>
    <message>
        <source>S&amp;ide:</source>
        <translation>&amp;Lado:</translation>
    </message>
    <message>
        <source>Times a &amp;day:</source>
        <translation>Veces al &amp;día:</translation>
    </message>
    <message>
        <source>Times a day</source>
        <translation>Veces al día</translation>
    </message>
    <message>
        <source>Days a &amp;week:</source>
        <translation>Días a la sema&amp;na:</translation>
    </message>
    <message>
        <source>Days a week</source>
        <translation>Días a la semana</translation>
    </message>
    <message>
        <source>Notes</source>
        <translation>Notas</translation>
    </message>
    <message>
        <source>&amp;Notes:</source>
        <translation>N&amp;otas:</translation>
    </message>
    <message>
        <source>Progression</source>
        <translation>Progresión</translation>
    </message>
    <message>
        <source>Pro&amp;gression:</source>
        <translation>Pro&amp;gresión:</translation>
    </message>
    <message>
        <source>In the home session: {name}</source>
        <translation>En la sesión en casa: {name}</translation>
    </message>
    <message>
        <source>(no name)</source>
        <translation>(sin nombre)</translation>
    </message>
    <message>
        <source>Done in the home session {name}</source>
        <translation>Se hace en la sesión en casa {name}</translation>
    </message>
    <message>
        <source>Pat&amp;ient (optional):</source>
        <translation>Paciente (&amp;opcional):</translation>
    </message>
    <message>
        <source>First &amp;day:</source>
        <translation>&amp;Inicio:</translation>
    </message>
    <message>
        <source>R&amp;eps:</source>
        <translation>Re&amp;peticiones:</translation>
    </message>
    <message>
        <source>At wor&amp;k breaks</source>
        <translation>En los descansos del &amp;trabajo</translation>
    </message>
    <message>
        <source>Done at work breaks</source>
        <translation>Se hace en los descansos del trabajo</translation>
    </message>
    <message>
        <source>Set the &amp;break interval</source>
        <translation>F&amp;ijar el intervalo de descansos</translation>
    </message>
    <message>
        <source>Set the break interval</source>
        <translation>Fijar el intervalo de descansos</translation>
    </message>
    <message>
        <source> min</source>
        <translation> min</translation>
    </message>
    <message>
        <source>Minutes between breaks</source>
        <translation>Minutos entre descansos</translation>
    </message>
    <message>
        <source>Break &amp;every:</source>
        <translation>Descanso ca&amp;da:</translation>
    </message>
    <message>
        <source>Work starts</source>
        <translation>Empieza el trabajo</translation>
    </message>
    <message>
        <source>Work ends</source>
        <translation>Termina el trabajo</translation>
    </message>
    <message>
        <source>Working &amp;hours:</source>
        <translation>Horario &amp;laboral:</translation>
    </message>
    <message>
        <source>Evening session</source>
        <translation>Sesión de la tarde</translation>
    </message>
    <message>
        <source>none</source>
        <translation>ninguno</translation>
    </message>
    <message>
        <source>ice</source>
        <translation>frío</translation>
    </message>
    <message>
        <source>heat</source>
        <translation>calor</translation>
    </message>
    <message>
        <source>ice or heat</source>
        <translation>frío o calor</translation>
    </message>
    <message>
        <source>Ice or heat</source>
        <translation>Frío o calor</translation>
    </message>
    <message>
        <source>&amp;Ice/heat:</source>
        <translation>&amp;Frío/calor:</translation>
    </message>
    <message>
        <source>Ice or heat minutes</source>
        <translation>Minutos de frío o calor</translation>
    </message>
    <message>
        <source>Ice/heat &amp;minutes:</source>
        <translation>&amp;Minutos de frío/calor:</translation>
    </message>
    <message>
        <source>Ice or heat times a day</source>
        <translation>Veces al día de frío o calor</translation>
    </message>
    <message>
        <source>Ice/heat times a &amp;day:</source>
        <translation>Frío/calor, veces al dí&amp;a:</translation>
    </message>
    <message>
        <source>Safety notes, one per line</source>
        <translation>Notas de seguridad, una por línea</translation>
    </message>
    <message>
        <source>One note per line</source>
        <translation>Una nota por línea</translation>
    </message>
    <message>
        <source>Sa&amp;fety notes:</source>
        <translation>Notas de &amp;seguridad:</translation>
    </message>
    <message>
        <source>{name} is in the program. Choose where it is done: at work breaks or in a home session.</source>
        <translation>{name} está en el programa. Elige dónde se hace: en los descansos del trabajo o en una sesión en casa.</translation>
    </message>
    <message>
        <source>{name} changed.</source>
        <translation>{name} cambió.</translation>
    </message>
    <message>
        <source>Choose an exercise in the program first.</source>
        <translation>Primero elige un ejercicio del programa.</translation>
    </message>
    <message>
        <source>The library has no easier version of {name}.</source>
        <translation>La biblioteca no tiene una versión más fácil de {name}.</translation>
    </message>
    <message>
        <source>The library has no harder version of {name}.</source>
        <translation>La biblioteca no tiene una versión más difícil de {name}.</translation>
    </message>
    <message>
        <source>The easier version ({names}) is already in the program.</source>
        <translation>La versión más fácil ({names}) ya está en el programa.</translation>
    </message>
    <message>
        <source>The harder version ({names}) is already in the program.</source>
        <translation>La versión más difícil ({names}) ya está en el programa.</translation>
    </message>
    <message>
        <source>The library has no easier or harder version of {name}.</source>
        <translation>La biblioteca no tiene una versión más fácil ni más difícil de {name}.</translation>
    </message>
    <message>
        <source>{old} swapped for {new}; the dose is kept: {dose}.</source>
        <translation>Se cambió {old} por {new}; se mantiene la dosis: {dose}.</translation>
    </message>
    <message>
        <source>{old} swapped for {new}; the dose is kept as far as it fits: {dose}.</source>
        <translation>Se cambió {old} por {new}; se mantiene la dosis en lo que corresponde: {dose}.</translation>
    </message>
    <message>
        <source>{old} swapped for {new}, with its own dose ({dose}): the old one does not fit it.</source>
        <translation>Se cambió {old} por {new}, con su propia dosis ({dose}): la anterior no le corresponde.</translation>
    </message>
    <message numerus="yes">
        <source>Activities the patient rates from 0 to 10 every %n day(s) (Patient-Specific Functional Scale; kept as written): %1</source>
        <translation>
            <numerusform>Actividades que el paciente califica de 0 a 10 cada %n día (Escala Funcional Específica del Paciente; se conservan tal como están escritas): %1</numerusform>
            <numerusform>Actividades que el paciente califica de 0 a 10 cada %n días (Escala Funcional Específica del Paciente; se conservan tal como están escritas): %1</numerusform>
        </translation>
    </message>
    <message>
        <source>Save the home program</source>
        <translation>Guardar el programa en casa</translation>
    </message>
    <message>
        <source>Home program (*.yaml)</source>
        <translation>Programa en casa (*.yaml)</translation>
    </message>
    <message>
        <source>Saved to %1. Give this file to your patient.</source>
        <translation>Guardado en %1. Da este archivo a tu paciente.</translation>
    </message>
    <message>
        <source>Not saved: %1</source>
        <translation>No guardado: %1</translation>
    </message>
</context>
<context>
    <name>Psfs</name>
    <message>
        <source>Reference, not a diagnosis: a change of about {average} points in the average score, or about {single} points for a single activity, is the minimal clinically important difference reported in the literature (Stratford et al. 1995, Physiotherapy Canada; Horn et al. 2012, J Orthop Sports Phys Ther). Higher is better: 0 unable to perform the activity, 10 able to perform it at the level before the problem.</source>
        <translation>Referencia, no un diagnóstico: un cambio de alrededor de {average} puntos en el puntaje promedio, o de alrededor de {single} puntos en una sola actividad, es la diferencia mínima clínicamente importante que informa la literatura (Stratford et al. 1995, Physiotherapy Canada; Horn et al. 2012, J Orthop Sports Phys Ther). Más alto es mejor: 0 no puede realizar la actividad, 10 puede realizarla al nivel de antes del problema.</translation>
    </message>
    <message>
        <source>How are your activities going?</source>
        <translation>¿Cómo van tus actividades?</translation>
    </message>
    <message numerus="yes">
        <source>Your physical therapist asks you to rate %n activity(ies) from 0 to 10. It takes a minute.</source>
        <translation>
            <numerusform>Tu fisioterapeuta te pide calificar %n actividad de 0 a 10. Toma un minuto.</numerusform>
            <numerusform>Tu fisioterapeuta te pide calificar %n actividades de 0 a 10. Toma un minuto.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>PsfsDialog</name>
    <message>
        <source>How are these activities going?</source>
        <translation>¿Cómo van estas actividades?</translation>
    </message>
    <message>
        <source>Rate your activities</source>
        <translation>Califica tus actividades</translation>
    </message>
    <message>
        <source>Your physical therapist asked how well you can do these activities today. Rate each from 0 (unable to do it) to 10 (able to do it as well as before your problem).</source>
        <translation>Tu fisioterapeuta quiere saber qué tan bien puedes hacer hoy estas actividades. Califica cada una de 0 (no puedes hacerla) a 10 (puedes hacerla tan bien como antes del problema).</translation>
    </message>
    <message>
        <source> / 10</source>
        <translation> / 10</translation>
    </message>
    <message>
        <source>%1: rating from 0 to 10</source>
        <translation>%1: calificación de 0 a 10</translation>
    </message>
    <message>
        <source>0 is unable to do the activity, 10 is able to do it as well as before the problem.</source>
        <translation>0 es no poder hacer la actividad, 10 es poder hacerla tan bien como antes del problema.</translation>
    </message>
    <message>
        <source>last time: %1</source>
        <translation>la vez anterior: %1</translation>
    </message>
    <message>
        <source>&amp;Save</source>
        <translation>&amp;Guardar</translation>
    </message>
    <message>
        <source>Save the ratings</source>
        <translation>Guardar las calificaciones</translation>
    </message>
    <message>
        <source>S&amp;kip this time</source>
        <translation>&amp;Omitir esta vez</translation>
    </message>
    <message>
        <source>Skip this time; you will be asked again at the next rating</source>
        <translation>Omitir esta vez; se te preguntará de nuevo en la próxima calificación</translation>
    </message>
</context>
<context>
    <name>Safety</name>
    <message>
        <source>Time to get evaluated</source>
        <translation>Es hora de que te evalúen</translation>
    </message>
    <message>
        <source>Your diary shows pain on most days for more than two weeks.</source>
        <translation>Tu diario muestra dolor casi todos los días durante más de dos semanas.</translation>
    </message>
    <message>
        <source>Your diary shows the pain coming back after pain-free spells.</source>
        <translation>Tu diario muestra que el dolor vuelve después de temporadas sin dolor.</translation>
    </message>
    <message>
        <source>You noted that the pain gets in the way of your sleep or your work.</source>
        <translation>Anotaste que el dolor te dificulta dormir o trabajar.</translation>
    </message>
    <message>
        <source>The clinic suggests having your back evaluated by a clinician when this happens. This is not a diagnosis.</source>
        <translation>La clínica recomienda que un profesional te evalúe la espalda cuando ocurre esto. Esto no es un diagnóstico.</translation>
    </message>
    <message>
        <source>Your clinic: %1</source>
        <translation>Tu clínica: %1</translation>
    </message>
</context>
<context>
    <name>SafetyDialog</name>
    <message>
        <source>Safety: when to get help</source>
        <translation>Seguridad: cuándo pedir ayuda</translation>
    </message>
    <message>
        <source>You rated your pain 8 or more. Please read this; if any of it applies, do not wait for it to pass.</source>
        <translation>Valoraste tu dolor con 8 o más. Lee esto, por favor; si algo de ello te ocurre, no esperes a que pase.</translation>
    </message>
    <message>
        <source>Emergency care</source>
        <translation>Emergencias</translation>
    </message>
    <message>
        <source>When to see urgent care</source>
        <translation>Cuándo buscar atención médica inmediata</translation>
    </message>
    <message>
        <source>When to get your back evaluated</source>
        <translation>Cuándo hacer que te evalúen la espalda</translation>
    </message>
    <message>
        <source>Get your back evaluated by a clinician if:</source>
        <translation>Haz que un profesional te evalúe la espalda si:</translation>
    </message>
    <message>
        <source>I have read this</source>
        <translation>Ya lo leí</translation>
    </message>
    <message>
        <source>Close</source>
        <translation>Cerrar</translation>
    </message>
</context>
<context>
    <name>ScreenCover</name>
    <message>
        <source>Time for a break: the break is on your other screen.</source>
        <translation>Es hora de un descanso: el descanso está en tu otra pantalla.</translation>
    </message>
    <message>
        <source>A break is in progress on another screen</source>
        <translation>Hay un descanso en curso en otra pantalla</translation>
    </message>
</context>
<context>
    <name>SessionsPage</name>
    <message>
        <source>Home sessions</source>
        <translation>Sesiones en casa</translation>
    </message>
    <message>
        <source>&amp;New session</source>
        <translation>&amp;Nueva sesión</translation>
    </message>
    <message>
        <source>Add a home session</source>
        <translation>Agregar una sesión en casa</translation>
    </message>
    <message>
        <source>&amp;Remove session</source>
        <translation>B&amp;orrar la sesión</translation>
    </message>
    <message>
        <source>Remove the home session</source>
        <translation>Borrar la sesión en casa</translation>
    </message>
    <message>
        <source>Move &amp;up</source>
        <translation>Sub&amp;ir</translation>
    </message>
    <message>
        <source>Move the session up</source>
        <translation>Subir la sesión</translation>
    </message>
    <message>
        <source>Move &amp;down</source>
        <translation>&amp;Bajar</translation>
    </message>
    <message>
        <source>Move the session down</source>
        <translation>Bajar la sesión</translation>
    </message>
    <message>
        <source>Session name</source>
        <translation>Nombre de la sesión</translation>
    </message>
    <message>
        <source>Session na&amp;me:</source>
        <translation>Nombre de la se&amp;sión:</translation>
    </message>
    <message>
        <source>Session time</source>
        <translation>Hora de la sesión</translation>
    </message>
    <message>
        <source>&amp;At:</source>
        <translation>&amp;A las:</translation>
    </message>
    <message>
        <source>Mon</source>
        <translation>lun</translation>
    </message>
    <message>
        <source>Tue</source>
        <translation>mar</translation>
    </message>
    <message>
        <source>Wed</source>
        <translation>mié</translation>
    </message>
    <message>
        <source>Thu</source>
        <translation>jue</translation>
    </message>
    <message>
        <source>Fri</source>
        <translation>vie</translation>
    </message>
    <message>
        <source>Sat</source>
        <translation>sáb</translation>
    </message>
    <message>
        <source>Sun</source>
        <translation>dom</translation>
    </message>
    <message>
        <source>Monday</source>
        <translation>lunes</translation>
    </message>
    <message>
        <source>Tuesday</source>
        <translation>martes</translation>
    </message>
    <message>
        <source>Wednesday</source>
        <translation>miércoles</translation>
    </message>
    <message>
        <source>Thursday</source>
        <translation>jueves</translation>
    </message>
    <message>
        <source>Friday</source>
        <translation>viernes</translation>
    </message>
    <message>
        <source>Saturday</source>
        <translation>sábado</translation>
    </message>
    <message>
        <source>Sunday</source>
        <translation>domingo</translation>
    </message>
    <message>
        <source>Days:</source>
        <translation>Días:</translation>
    </message>
    <message>
        <source>Exercises of this session, in the order they are done:</source>
        <translation>Ejercicios de esta sesión, en el orden en que se hacen:</translation>
    </message>
    <message>
        <source>Exercises of the session</source>
        <translation>Ejercicios de la sesión</translation>
    </message>
    <message>
        <source>Exercise to add to the session</source>
        <translation>Ejercicio para agregar a la sesión</translation>
    </message>
    <message>
        <source>Add to the sess&amp;ion</source>
        <translation>A&amp;gregar a la sesión</translation>
    </message>
    <message>
        <source>Add the exercise to the session</source>
        <translation>Agregar el ejercicio a la sesión</translation>
    </message>
    <message>
        <source>Ta&amp;ke out</source>
        <translation>&amp;Quitar</translation>
    </message>
    <message>
        <source>Take the exercise out of the session</source>
        <translation>Quitar el ejercicio de la sesión</translation>
    </message>
    <message>
        <source>&amp;Earlier</source>
        <translation>An&amp;tes</translation>
    </message>
    <message>
        <source>Do the exercise earlier</source>
        <translation>Hacer el ejercicio antes</translation>
    </message>
    <message>
        <source>&amp;Later</source>
        <translation>&amp;Después</translation>
    </message>
    <message>
        <source>Do the exercise later</source>
        <translation>Hacer el ejercicio después</translation>
    </message>
    <message>
        <source>A session without exercises is not saved.</source>
        <translation>Una sesión sin ejercicios no se guarda.</translation>
    </message>
    <message>
        <source>Home session {n}</source>
        <translation>Sesión en casa {n}</translation>
    </message>
    <message>
        <source>{name}, {time}</source>
        <translation>{name}, {time}</translation>
    </message>
    <message>
        <source>(no name)</source>
        <translation>(sin nombre)</translation>
    </message>
</context>
<context>
    <name>SettingsDialog</name>
    <message>
        <source>Settings</source>
        <translation>Ajustes</translation>
    </message>
    <message>
        <source>Settings groups</source>
        <translation>Grupos de ajustes</translation>
    </message>
    <message>
        <source>&amp;Breaks</source>
        <translation>Descans&amp;os</translation>
    </message>
    <message>
        <source>&amp;Routines</source>
        <translation>&amp;Rutinas</translation>
    </message>
    <message>
        <source>&amp;Snooze and quiet</source>
        <translation>Po&amp;sponer y silencio</translation>
    </message>
    <message>
        <source>&amp;Notifications and sound</source>
        <translation>&amp;Notificaciones y sonido</translation>
    </message>
    <message>
        <source>&amp;Idle</source>
        <translation>Inac&amp;tividad</translation>
    </message>
    <message>
        <source>Ice and &amp;heat</source>
        <translation>&amp;Frío y calor</translation>
    </message>
    <message>
        <source>&amp;General</source>
        <translation>&amp;General</translation>
    </message>
    <message>
        <source>Problem with these settings</source>
        <translation>Problema con estos ajustes</translation>
    </message>
    <message>
        <source>Restore &amp;defaults</source>
        <translation>Restablecer valores pre&amp;determinados</translation>
    </message>
    <message>
        <source>Restore defaults</source>
        <translation>Restablecer valores predeterminados</translation>
    </message>
    <message>
        <source>Put every setting back to how the app comes; applies at once</source>
        <translation>Devuelve cada ajuste al valor con el que viene la aplicación; se aplica al momento</translation>
    </message>
    <message>
        <source>Close</source>
        <translation>Cerrar</translation>
    </message>
    <message>
        <source>Changes apply at once.</source>
        <translation>Los cambios se aplican al momento.</translation>
    </message>
    <message>
        <source> min</source>
        <translation> min</translation>
    </message>
    <message>
        <source>Break every</source>
        <translation>Descanso cada</translation>
    </message>
    <message>
        <source>Minutes of work between breaks; the clinic suggests 30 to 60</source>
        <translation>Minutos de trabajo entre descansos; la clínica recomienda de 30 a 60</translation>
    </message>
    <message>
        <source>Break &amp;every:</source>
        <translation>Descanso &amp;cada:</translation>
    </message>
    <message>
        <source>Note about the interval</source>
        <translation>Nota sobre el intervalo</translation>
    </message>
    <message>
        <source>Mon</source>
        <translation>lun</translation>
    </message>
    <message>
        <source>Tue</source>
        <translation>mar</translation>
    </message>
    <message>
        <source>Wed</source>
        <translation>mié</translation>
    </message>
    <message>
        <source>Thu</source>
        <translation>jue</translation>
    </message>
    <message>
        <source>Fri</source>
        <translation>vie</translation>
    </message>
    <message>
        <source>Sat</source>
        <translation>sáb</translation>
    </message>
    <message>
        <source>Sun</source>
        <translation>dom</translation>
    </message>
    <message>
        <source>Monday</source>
        <translation>lunes</translation>
    </message>
    <message>
        <source>Tuesday</source>
        <translation>martes</translation>
    </message>
    <message>
        <source>Wednesday</source>
        <translation>miércoles</translation>
    </message>
    <message>
        <source>Thursday</source>
        <translation>jueves</translation>
    </message>
    <message>
        <source>Friday</source>
        <translation>viernes</translation>
    </message>
    <message>
        <source>Saturday</source>
        <translation>sábado</translation>
    </message>
    <message>
        <source>Sunday</source>
        <translation>domingo</translation>
    </message>
    <message>
        <source>Breaks on {day}</source>
        <translation>Descansos el {day}</translation>
    </message>
    <message>
        <source>Working days:</source>
        <translation>Días laborables:</translation>
    </message>
    <message>
        <source>Working hours start</source>
        <translation>Comienzo del horario laboral</translation>
    </message>
    <message>
        <source>Working hours fro&amp;m:</source>
        <translation>Horario la&amp;boral desde:</translation>
    </message>
    <message>
        <source>Working hours end</source>
        <translation>Fin del horario laboral</translation>
    </message>
    <message>
        <source>&amp;until:</source>
        <translation>&amp;hasta:</translation>
    </message>
    <message>
        <source> s</source>
        <translation> s</translation>
    </message>
    <message>
        <source>No notice</source>
        <translation>Sin aviso</translation>
    </message>
    <message>
        <source>Notice before a break</source>
        <translation>Aviso antes de un descanso</translation>
    </message>
    <message>
        <source>A notification this many seconds before a break; 0 for none</source>
        <translation>Una notificación estos segundos antes de un descanso; 0 para ninguna</translation>
    </message>
    <message>
        <source>No&amp;tice before a break:</source>
        <translation>A&amp;viso antes de un descanso:</translation>
    </message>
    <message>
        <source>As the routine sets</source>
        <translation>Lo que marque la rutina</translation>
    </message>
    <message>
        <source>Break length</source>
        <translation>Duración del descanso</translation>
    </message>
    <message>
        <source>A break lasts at least this long: after a shorter routine, a calm &apos;keep moving&apos; screen counts down the rest, and Done ends it early. A longer routine is never cut.</source>
        <translation>Un descanso dura al menos esto: tras una rutina más corta, una pantalla tranquila de «sigue en movimiento» cuenta el resto, y Hecho lo termina antes. Una rutina más larga nunca se corta.</translation>
    </message>
    <message>
        <source>Brea&amp;k length:</source>
        <translation>Duración de&amp;l descanso:</translation>
    </message>
    <message>
        <source>Show breaks &amp;full screen</source>
        <translation>Mostrar los descansos a pantalla co&amp;mpleta</translation>
    </message>
    <message>
        <source>Show breaks full screen</source>
        <translation>Mostrar los descansos a pantalla completa</translation>
    </message>
    <message>
        <source>The break covers every screen</source>
        <translation>El descanso cubre todas las pantallas</translation>
    </message>
    <message>
        <source>Breaks take turns through the routines ticked here, from the top.</source>
        <translation>Los descansos van turnando las rutinas marcadas aquí, empezando por arriba.</translation>
    </message>
    <message>
        <source>Routines in rotation</source>
        <translation>Rutinas en rotación</translation>
    </message>
    <message>
        <source>Tick the routines to use; move them up or down to set their order</source>
        <translation>Marca las rutinas que quieras usar; súbelas o bájalas para fijar su orden</translation>
    </message>
    <message>
        <source>Move &amp;up</source>
        <translation>S&amp;ubir</translation>
    </message>
    <message>
        <source>Move routine up</source>
        <translation>Subir la rutina</translation>
    </message>
    <message>
        <source>Move do&amp;wn</source>
        <translation>Ba&amp;jar</translation>
    </message>
    <message>
        <source>Move routine down</source>
        <translation>Bajar la rutina</translation>
    </message>
    <message>
        <source>Snooze choice &amp;1:</source>
        <translation>Opción para posponer &amp;1:</translation>
    </message>
    <message>
        <source>Snooze choice &amp;2:</source>
        <translation>Opción para posponer &amp;2:</translation>
    </message>
    <message>
        <source>Snooze choice &amp;3:</source>
        <translation>Opción para posponer &amp;3:</translation>
    </message>
    <message>
        <source>Off</source>
        <translation>Desactivada</translation>
    </message>
    <message>
        <source>Snooze choice {n}</source>
        <translation>Opción para posponer {n}</translation>
    </message>
    <message>
        <source>Minutes a snooze puts a break off; Off for no choice here</source>
        <translation>Minutos que se pospone un descanso; Desactivada para no ofrecer esta opción</translation>
    </message>
    <message>
        <source>No snoozing</source>
        <translation>Sin posponer</translation>
    </message>
    <message>
        <source>Snoozes in a row</source>
        <translation>Veces seguidas que se pospone</translation>
    </message>
    <message>
        <source>After this many snoozes in a row a break can only be taken or skipped</source>
        <translation>Tras posponer estas veces seguidas, un descanso solo se puede tomar o saltar</translation>
    </message>
    <message>
        <source>Snoozes in a row at &amp;most:</source>
        <translation>Posponer seguidas como &amp;máximo:</translation>
    </message>
    <message>
        <source>Never wait</source>
        <translation>No esperar nunca</translation>
    </message>
    <message>
        <source>Wait while busy</source>
        <translation>Esperar mientras estás ocupado</translation>
    </message>
    <message>
        <source>While a full-screen window has focus, Do Not Disturb is on or you are in a call (the microphone or camera is in use), a due break waits up to this long</source>
        <translation>Mientras una ventana a pantalla completa tiene el foco, el modo No molestar está activo o estás en una llamada (el micrófono o la cámara están en uso), un descanso pendiente espera hasta este tiempo</translation>
    </message>
    <message>
        <source>Play sounds at steps and at the end</source>
        <translation>Reproducir sonidos en cada paso y al final</translation>
    </message>
    <message>
        <source>No sound device was found on this computer, so no sound plays for now.</source>
        <translation>No se encontró ningún dispositivo de sonido en esta computadora, así que por ahora no suena nada.</translation>
    </message>
    <message>
        <source>{language} applies now: it was chosen when the app was started (--language or POSTURE_COACH_LANG). This setting applies when you change it, or at the next start without that choice.</source>
        <translation>Ahora se usa {language}: se eligió al iniciar la aplicación (--language o POSTURE_COACH_LANG). Este ajuste se aplica cuando lo cambies, o en el próximo inicio sin esa elección.</translation>
    </message>
    <message>
        <source>While busy, a break &amp;waits up to:</source>
        <translation>Si estás ocupado, un descanso &amp;espera hasta:</translation>
    </message>
    <message>
        <source>The microphone is not watched: no sound server (PulseAudio or PipeWire) answers.</source>
        <translation>El micrófono no se vigila: ningún servidor de sonido (PulseAudio o PipeWire) responde.</translation>
    </message>
    <message>
        <source>Show notifi&amp;cations before and at breaks</source>
        <translation>Mostrar notifi&amp;caciones antes de los descansos y al llegar</translation>
    </message>
    <message>
        <source>Notifications</source>
        <translation>Notificaciones</translation>
    </message>
    <message>
        <source>&amp;Play sounds at steps and at the end</source>
        <translation>Reproducir son&amp;idos en los pasos y al final</translation>
    </message>
    <message>
        <source>Volume</source>
        <translation>Volumen</translation>
    </message>
    <message>
        <source>Sound volume, 0 to 100</source>
        <translation>Volumen del sonido, de 0 a 100</translation>
    </message>
    <message>
        <source>&amp;Volume:</source>
        <translation>&amp;Volumen:</translation>
    </message>
    <message>
        <source>Notice when I am &amp;away</source>
        <translation>Detectar cuando estoy &amp;ausente</translation>
    </message>
    <message>
        <source>Idle detection</source>
        <translation>Detección de inactividad</translation>
    </message>
    <message>
        <source>Time away from keyboard and mouse counts as a break</source>
        <translation>El tiempo lejos del teclado y el mouse cuenta como descanso</translation>
    </message>
    <message>
        <source>Away counts as a break after</source>
        <translation>La ausencia cuenta como descanso después de</translation>
    </message>
    <message>
        <source>Away from keyboard and mouse at least this long counts as a break</source>
        <translation>Estar lejos del teclado y el mouse al menos este tiempo cuenta como descanso</translation>
    </message>
    <message>
        <source>Away counts as a break af&amp;ter:</source>
        <translation>La ausencia cuenta como descanso d&amp;espués de:</translation>
    </message>
    <message>
        <source>Ask each time</source>
        <translation>Preguntar cada vez</translation>
    </message>
    <message>
        <source>Ice</source>
        <translation>Frío</translation>
    </message>
    <message>
        <source>Heat</source>
        <translation>Calor</translation>
    </message>
    <message>
        <source>Ice or heat to start with</source>
        <translation>Frío o calor para empezar</translation>
    </message>
    <message>
        <source>Start &amp;with:</source>
        <translation>Empezar &amp;con:</translation>
    </message>
    <message>
        <source>Ice or heat minutes</source>
        <translation>Minutos de frío o calor</translation>
    </message>
    <message>
        <source>The clinic suggests 10 to 15 minutes</source>
        <translation>La clínica recomienda de 10 a 15 minutos</translation>
    </message>
    <message>
        <source>&amp;Minutes:</source>
        <translation>&amp;Minutos:</translation>
    </message>
    <message>
        <source>Follow the system</source>
        <translation>Seguir al sistema</translation>
    </message>
    <message>
        <source>Light</source>
        <translation>Claro</translation>
    </message>
    <message>
        <source>Dark</source>
        <translation>Oscuro</translation>
    </message>
    <message>
        <source>Theme</source>
        <translation>Tema</translation>
    </message>
    <message>
        <source>&amp;Theme:</source>
        <translation>T&amp;ema:</translation>
    </message>
    <message>
        <source>Language</source>
        <translation>Idioma</translation>
    </message>
    <message>
        <source>The language of the app; applies at once</source>
        <translation>El idioma de la aplicación; se aplica al momento</translation>
    </message>
    <message>
        <source>&amp;Language:</source>
        <translation>&amp;Idioma:</translation>
    </message>
    <message>
        <source>Start {app} when I l&amp;og in</source>
        <translation>Iniciar {app} a&amp;l entrar en la sesión</translation>
    </message>
    <message>
        <source>Start at login</source>
        <translation>Iniciar al entrar en la sesión</translation>
    </message>
    <message>
        <source>Working hours must end after they start.</source>
        <translation>El horario laboral debe terminar después de empezar.</translation>
    </message>
    <message>
        <source>Tick at least one routine for the breaks.</source>
        <translation>Marca al menos una rutina para los descansos.</translation>
    </message>
    <message>
        <source>S&amp;ync</source>
        <translation>Sin&amp;cronizar</translation>
    </message>
</context>
<context>
    <name>SignalWords</name>
    <message>
        <source>a full-screen window is in front</source>
        <translation>hay una ventana a pantalla completa al frente</translation>
    </message>
    <message>
        <source>Do Not Disturb is on</source>
        <translation>está activado No molestar</translation>
    </message>
    <message>
        <source>you are in a call (the microphone or camera is in use)</source>
        <translation>estás en una llamada (el micrófono o la cámara están en uso)</translation>
    </message>
    <message>
        <source>, </source>
        <translation>, </translation>
    </message>
    <message>
        <source> or </source>
        <translation> o </translation>
    </message>
    <message>
        <source>This desktop tells the app neither about full-screen windows, Do Not Disturb nor calls, so breaks never wait.</source>
        <translation>Este escritorio no le avisa a la aplicación de ventanas a pantalla completa, de No molestar ni de llamadas, así que los descansos nunca esperan.</translation>
    </message>
    <message>
        <source>Breaks wait while {things}.</source>
        <translation>Los descansos esperan mientras {things}.</translation>
    </message>
    <message>
        <source>Idle detection is off: time away is not noticed.</source>
        <translation>La detección de inactividad está desactivada: no se nota el tiempo fuera.</translation>
    </message>
    <message>
        <source>Time away from the keyboard and mouse is noticed, and a long enough time away counts as a break.</source>
        <translation>Se nota el tiempo lejos del teclado y el ratón, y un tiempo lejos lo bastante largo cuenta como descanso.</translation>
    </message>
    <message>
        <source>This desktop does not tell the app how long the keyboard and mouse have been still, so time away is not noticed (breaks still come on time).</source>
        <translation>Este escritorio no le dice a la aplicación cuánto tiempo llevan quietos el teclado y el ratón, así que no se nota cuando te alejas (los descansos siguen llegando a tiempo).</translation>
    </message>
    <message>
        <source>Technically: {names}</source>
        <translation>Técnicamente: {names}</translation>
    </message>
</context>
<context>
    <name>StatusWindow</name>
    <message>
        <source>Next break</source>
        <translation>Próximo descanso</translation>
    </message>
    <message>
        <source>&amp;Take a break now</source>
        <translation>&amp;Tomar un descanso ahora</translation>
    </message>
    <message>
        <source>Take a break now</source>
        <translation>Tomar un descanso ahora</translation>
    </message>
    <message>
        <source>&amp;More</source>
        <translation>&amp;Más</translation>
    </message>
    <message>
        <source>More actions</source>
        <translation>Más acciones</translation>
    </message>
    <message>
        <source>No system tray was found, so {app} lives in this window. Closing it quits the app.</source>
        <translation>No se encontró la bandeja del sistema, así que {app} vive en esta ventana. Al cerrarla se sale de la aplicación.</translation>
    </message>
</context>
<context>
    <name>Sync</name>
    <message>
        <source>Sync skipped something it could not read</source>
        <translation>La sincronización omitió algo que no pudo leer</translation>
    </message>
    <message numerus="yes">
        <source>%n problem(s) in the sync folder; the rest was merged. The first: {problem}</source>
        <translation>
            <numerusform>%n problema en la carpeta de sincronización; el resto se combinó. El primero: {problem}</numerusform>
            <numerusform>%n problemas en la carpeta de sincronización; el resto se combinó. El primero: {problem}</numerusform>
        </translation>
    </message>
    <message>
        <source>Settings and home program from {name} applied; yours before are kept in {path}</source>
        <translation>Se aplicaron los ajustes y el programa en casa de {name}; los que tenía se guardan en {path}</translation>
    </message>
    <message>
        <source>Settings from your other computer</source>
        <translation>Ajustes de su otro ordenador</translation>
    </message>
    <message>
        <source>Newer settings from another computer were refused, yours are kept: {problem}</source>
        <translation>Se rechazaron ajustes más recientes de otro ordenador; se mantienen los suyos: {problem}</translation>
    </message>
    <message>
        <source>Posture Coach could not sync</source>
        <translation>Posture Coach no pudo sincronizar</translation>
    </message>
</context>
<context>
    <name>SyncPanel</name>
    <message>
        <source>Sync</source>
        <translation>Sincronizar</translation>
    </message>
    <message>
        <source>Keep your history on every computer: choose a folder that a sync service keeps (Syncthing, Nextcloud, Dropbox, OneDrive or a network share). Each computer writes its own files there and reads the others&apos;.</source>
        <translation>Tenga su historial en todas sus computadoras: elija una carpeta que mantenga un servicio de sincronización (Syncthing, Nextcloud, Dropbox, OneDrive o una carpeta de red). Cada computadora escribe allí sus propios archivos y lee los de las demás.</translation>
    </message>
    <message>
        <source>The folder holds health data: your breaks, pain and activity ratings. The files are readable by you only, but the sync service and every computer it reaches get a copy. Give a passphrase to encrypt them; every computer needs the same one.</source>
        <translation>La carpeta guarda datos de salud: sus descansos y sus calificaciones de dolor y de actividades. Solo usted puede leer los archivos, pero el servicio de sincronización y cada computadora a la que llega reciben una copia. Indique una frase de contraseña para cifrarlos; todas las computadoras necesitan la misma.</translation>
    </message>
    <message>
        <source>Passphrase (optional)</source>
        <translation>Frase de contraseña (opcional)</translation>
    </message>
    <message>
        <source>Passphrase to encrypt the sync folder</source>
        <translation>Frase de contraseña para cifrar la carpeta de sincronización</translation>
    </message>
    <message>
        <source>&amp;Choose folder...</source>
        <translation>&amp;Elegir carpeta...</translation>
    </message>
    <message>
        <source>Choose the sync folder</source>
        <translation>Elegir la carpeta de sincronización</translation>
    </message>
    <message>
        <source>Sync no&amp;w</source>
        <translation>Sincronizar &amp;ahora</translation>
    </message>
    <message>
        <source>Sync now</source>
        <translation>Sincronizar ahora</translation>
    </message>
    <message>
        <source>S&amp;top syncing</source>
        <translation>De&amp;jar de sincronizar</translation>
    </message>
    <message>
        <source>Stop syncing</source>
        <translation>Dejar de sincronizar</translation>
    </message>
    <message>
        <source>Your journal here and the files in the folder are kept</source>
        <translation>Se conservan su registro en esta computadora y los archivos de la carpeta</translation>
    </message>
    <message>
        <source>Computers that sync</source>
        <translation>Computadoras que se sincronizan</translation>
    </message>
    <message>
        <source>Also sync my settings and &amp;home program</source>
        <translation>Sincronizar también mis ajustes y el programa en &amp;casa</translation>
    </message>
    <message>
        <source>The newest of any computer wins; what it replaces is kept in the data folder. Start at login stays this computer&apos;s own.</source>
        <translation>Gana el más reciente de cualquier ordenador; lo que reemplaza se guarda en la carpeta de datos. «Iniciar al entrar en la sesión» sigue siendo propio de este ordenador.</translation>
    </message>
    <message>
        <source>Computers:</source>
        <translation>Computadoras:</translation>
    </message>
    <message>
        <source>Sync is off.</source>
        <translation>La sincronización está desactivada.</translation>
    </message>
    <message>
        <source>Syncing through {folder} (encrypted).</source>
        <translation>Sincronizando a través de {folder} (cifrado).</translation>
    </message>
    <message>
        <source>Syncing through {folder}.</source>
        <translation>Sincronizando a través de {folder}.</translation>
    </message>
    <message>
        <source>{name} (this computer)</source>
        <translation>{name} (esta computadora)</translation>
    </message>
    <message>
        <source>{name}: nothing written yet</source>
        <translation>{name}: todavía no escribió nada</translation>
    </message>
    <message numerus="yes">
        <source>{name}: last wrote {when}, %n record(s)</source>
        <translation>
            <numerusform>{name}: escribió por última vez {when}, %n registro</numerusform>
            <numerusform>{name}: escribió por última vez {when}, %n registros</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>Toast</name>
    <message>
        <source>Notification icon</source>
        <translation>Icono de la notificación</translation>
    </message>
    <message>
        <source>Close</source>
        <translation>Cerrar</translation>
    </message>
    <message>
        <source>Close notification</source>
        <translation>Cerrar la notificación</translation>
    </message>
    <message>
        <source>{app} notification: {title}</source>
        <translation>Notificación de {app}: {title}</translation>
    </message>
</context>
<context>
    <name>TrayController</name>
    <message>
        <source>{app} menu</source>
        <translation>Menú de {app}</translation>
    </message>
    <message>
        <source>&amp;Take a break now</source>
        <translation>Tomar un &amp;descanso ahora</translation>
    </message>
    <message>
        <source>&amp;Pause breaks</source>
        <translation>Pa&amp;usar los descansos</translation>
    </message>
    <message>
        <source>For 30 minutes</source>
        <translation>Durante 30 minutos</translation>
    </message>
    <message>
        <source>For 1 hour</source>
        <translation>Durante 1 hora</translation>
    </message>
    <message>
        <source>For 2 hours</source>
        <translation>Durante 2 horas</translation>
    </message>
    <message>
        <source>Until tomorrow</source>
        <translation>Hasta mañana</translation>
    </message>
    <message>
        <source>&amp;Resume breaks</source>
        <translation>&amp;Reanudar los descansos</translation>
    </message>
    <message>
        <source>I did a break &amp;away from the computer</source>
        <translation>Tomé un descanso &amp;lejos de la computadora</translation>
    </message>
    <message>
        <source>Log my pai&amp;n now…</source>
        <translation>Registrar mi d&amp;olor ahora…</translation>
    </message>
    <message>
        <source>Exercise &amp;library…</source>
        <translation>&amp;Biblioteca de ejercicios…</translation>
    </message>
    <message>
        <source>&amp;Ice/heat timer…</source>
        <translation>Temporizador de &amp;frío/calor…</translation>
    </message>
    <message>
        <source>Ho&amp;me program</source>
        <translation>&amp;Programa en casa</translation>
    </message>
    <message>
        <source>Home program</source>
        <translation>Programa en casa</translation>
    </message>
    <message>
        <source>&amp;Import a program…</source>
        <translation>&amp;Importar un programa…</translation>
    </message>
    <message>
        <source>&amp;Print the handout…</source>
        <translation>Im&amp;primir el folleto…</translation>
    </message>
    <message>
        <source>Program &amp;editor (for your therapist)…</source>
        <translation>&amp;Editor del programa (para tu fisioterapeuta)…</translation>
    </message>
    <message>
        <source>No program imported</source>
        <translation>Ningún programa importado</translation>
    </message>
    <message>
        <source>Safety: &amp;when to get help (emergency: %1)…</source>
        <translation>Seguridad: &amp;cuándo pedir ayuda (emergencias: %1)…</translation>
    </message>
    <message>
        <source>Active: %1</source>
        <translation>Activo: %1</translation>
    </message>
    <message numerus="yes">
        <source>Snooze %n minute(s)</source>
        <translation>
            <numerusform>Posponer %n minuto</numerusform>
            <numerusform>Posponer %n minutos</numerusform>
        </translation>
    </message>
    <message>
        <source>Nothing to snooze: no break is coming up now</source>
        <translation>Nada que posponer: no viene ningún descanso ahora</translation>
    </message>
    <message numerus="yes">
        <source>Snoozed %n time(s) in a row, the most allowed: take or skip the break</source>
        <translation>
            <numerusform>Pospusiste %n vez seguida, lo máximo permitido: toma el descanso u omítelo</numerusform>
            <numerusform>Pospusiste %n veces seguidas, lo máximo permitido: toma el descanso u omítelo</numerusform>
        </translation>
    </message>
    <message>
        <source>Snoozed the most times in a row; take or skip the break</source>
        <translation>Pospuesto el máximo de veces seguidas; toma el descanso o sáltalo</translation>
    </message>
    <message>
        <source>&amp;History…</source>
        <translation>His&amp;torial…</translation>
    </message>
    <message>
        <source>S&amp;ettings…</source>
        <translation>&amp;Ajustes…</translation>
    </message>
    <message>
        <source>Safety: &amp;when to get help…</source>
        <translation>Seguridad: &amp;cuándo pedir ayuda…</translation>
    </message>
    <message>
        <source>&amp;Quit</source>
        <translation>&amp;Salir</translation>
    </message>
</context>
</TS>
