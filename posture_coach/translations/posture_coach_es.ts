<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="es_ES">
<context>
    <name>App</name>
    <message>
        <source>A break is waiting for you</source>
        <translation>Una pausa te está esperando</translation>
    </message>
    <message>
        <source>Ice/heat: {time} left; breaks wait</source>
        <translation>Frío/calor: quedan {time}; las pausas esperan</translation>
    </message>
    <message>
        <source>Paused: next break in {time}</source>
        <translation>En pausa: próxima pausa en {time}</translation>
    </message>
    <message>
        <source>Next break in {time}</source>
        <translation>Próxima pausa en {time}</translation>
    </message>
    <message numerus="yes">
        <source>Break in %n second(s)</source>
        <translation>
            <numerusform>Pausa en %n segundo</numerusform>
            <numerusform>Pausa en %n segundos</numerusform>
        </translation>
    </message>
    <message>
        <source>{routine}: {summary}</source>
        <translation>{routine}: {summary}</translation>
    </message>
    <message>
        <source>Time for a break</source>
        <translation>Es hora de una pausa</translation>
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
        <translation>Quítate la compresa. Es razonable dejar una hora entre sesiones.</translation>
    </message>
    <message>
        <source>Safety: when to get help</source>
        <translation>Seguridad: cuándo pedir ayuda</translation>
    </message>
    <message>
        <source>Get your back evaluated if:</source>
        <translation>Haz que te evalúen la espalda si:</translation>
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
        <translation>Tu biblioteca de ejercicios {file} tiene problemas, así que la aplicación usa la biblioteca incluida. Tu archivo no se ha modificado.

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
    <name>GuidedBreakWindow</name>
    <message>
        <source>Break: {name}</source>
        <translation>Pausa: {name}</translation>
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
        <translation>Tiempo que queda de esta pausa</translation>
    </message>
    <message>
        <source>Illustration</source>
        <translation>Ilustración</translation>
    </message>
    <message>
        <source>Countdown</source>
        <translation>Cuenta atrás</translation>
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
        <translation>Pos&amp;poner {n} min</translation>
    </message>
    <message>
        <source>Snooze the break</source>
        <translation>Posponer la pausa</translation>
    </message>
    <message>
        <source>&amp;Finish</source>
        <translation>&amp;Terminar</translation>
    </message>
    <message>
        <source>Finish the break</source>
        <translation>Terminar la pausa</translation>
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
        <source>Break finished: {name}</source>
        <translation>Pausa terminada: {name}</translation>
    </message>
    <message>
        <source>Rest</source>
        <translation>Descanso</translation>
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
        <translation>Comprueba cada punto y pulsa Siguiente.</translation>
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
        <translation>Empezar la cuenta atrás</translation>
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
    <message>
        <source>{minutes} minutes, until {time}</source>
        <translation>{minutes} minutos, hasta las {time}</translation>
    </message>
    <message>
        <source>Time is up: take the pack off and let your skin rest.</source>
        <translation>Se acabó el tiempo: quítate la compresa y deja descansar la piel.</translation>
    </message>
    <message>
        <source>Stopped after {time}. Take the pack off.</source>
        <translation>Detenida tras {time}. Quítate la compresa.</translation>
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
        <source>Steps</source>
        <translation>Pasos</translation>
    </message>
    <message>
        <source>Cautions</source>
        <translation>Precauciones</translation>
    </message>
</context>
<context>
    <name>Plan</name>
    <message>
        <source>Breaks paused during your ice/heat session</source>
        <translation>Pausas detenidas durante tu sesión de frío/calor</translation>
    </message>
    <message>
        <source>Breaks paused while you are away</source>
        <translation>Pausas detenidas mientras estás fuera</translation>
    </message>
    <message>
        <source>Breaks paused by you</source>
        <translation>Pausas detenidas por ti</translation>
    </message>
    <message>
        <source>Breaks paused while a break is on screen</source>
        <translation>Pausas detenidas mientras hay una pausa en pantalla</translation>
    </message>
    <message>
        <source>; </source>
        <translation>; </translation>
    </message>
    <message>
        <source>No breaks planned: no working days are set</source>
        <translation>No hay pausas previstas: no hay días laborables configurados</translation>
    </message>
    <message>
        <source>A break is due now</source>
        <translation>Toca una pausa ahora</translation>
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
        <translation>Fuera del horario laboral. Próxima pausa: {when}</translation>
    </message>
    <message>
        <source>Paused. Next break at {when} (in {span})</source>
        <translation>En pausa. Próxima pausa: {when} (dentro de {span})</translation>
    </message>
    <message>
        <source>Next break at {when} (in {span})</source>
        <translation>Próxima pausa: {when} (dentro de {span})</translation>
    </message>
</context>
<context>
    <name>ScreenCover</name>
    <message>
        <source>Time for a break: the break is on your other screen.</source>
        <translation>Es hora de una pausa: la pausa está en tu otra pantalla.</translation>
    </message>
    <message>
        <source>A break is in progress on another screen</source>
        <translation>Hay una pausa en curso en otra pantalla</translation>
    </message>
</context>
<context>
    <name>StatusWindow</name>
    <message>
        <source>Next break</source>
        <translation>Próxima pausa</translation>
    </message>
    <message>
        <source>&amp;Take a break now</source>
        <translation>&amp;Hacer una pausa ahora</translation>
    </message>
    <message>
        <source>Take a break now</source>
        <translation>Hacer una pausa ahora</translation>
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
        <translation>&amp;Hacer una pausa ahora</translation>
    </message>
    <message numerus="yes">
        <source>&amp;Snooze %n minute(s)</source>
        <translation>
            <numerusform>P&amp;osponer %n minuto</numerusform>
            <numerusform>P&amp;osponer %n minutos</numerusform>
        </translation>
    </message>
    <message>
        <source>&amp;Pause breaks</source>
        <translation>&amp;Detener las pausas</translation>
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
        <translation>&amp;Reanudar las pausas</translation>
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
        <source>(coming in a later version)</source>
        <translation>(llegará en una versión posterior)</translation>
    </message>
    <message>
        <source>&amp;History…</source>
        <translation>&amp;Historial…</translation>
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
