<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="en_US">
<context>
    <name>CliWords</name>
    <message numerus="yes">
        <source>in %n minute(s)</source>
        <translation>
            <numerusform>in %n minute</numerusform>
            <numerusform>in %n minutes</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>Dose</name>
    <message numerus="yes">
        <source>%n slow breath(s) (in {inhale}, hold {hold}, out {exhale})</source>
        <translation>
            <numerusform>%n slow breath (in {inhale}, hold {hold}, out {exhale})</numerusform>
            <numerusform>%n slow breaths (in {inhale}, hold {hold}, out {exhale})</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n slow breath(s) (in {inhale}, out {exhale})</source>
        <translation>
            <numerusform>%n slow breath (in {inhale}, out {exhale})</numerusform>
            <numerusform>%n slow breaths (in {inhale}, out {exhale})</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n rep(s)</source>
        <translation>
            <numerusform>%n rep</numerusform>
            <numerusform>%n reps</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n minute(s)</source>
        <translation>
            <numerusform>%n minute</numerusform>
            <numerusform>%n minutes</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>ExerciseDialog</name>
    <message numerus="yes">
        <source>choose at most %n exercise(s)</source>
        <translation>
            <numerusform>choose at most %n exercise</numerusform>
            <numerusform>choose at most %n exercises</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>Handout</name>
    <message numerus="yes">
        <source>Take a break every %n minutes</source>
        <translation>
            <numerusform>Take a break every %n minute</numerusform>
            <numerusform>Take a break every %n minutes</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>HistoryWindow</name>
    <message numerus="yes">
        <source>Last %n days</source>
        <translation>
            <numerusform>Last %n day</numerusform>
            <numerusform>Last %n days</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Working days in a row meeting the daily goal (breaks taken ≥ %1): %n</source>
        <translation>
            <numerusform>Working days in a row meeting the daily goal (breaks taken ≥ %1): %n</numerusform>
            <numerusform>Working days in a row meeting the daily goal (breaks taken ≥ %1): %n</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>No breaks were planned in the last %n days.</source>
        <translation>
            <numerusform>No breaks were planned in the last %n day.</numerusform>
            <numerusform>No breaks were planned in the last %n days.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>100 % over the last %n days: %2 breaks taken in working hours, more than the %3 planned</source>
        <translation>
            <numerusform>100 % over the last %n day: %2 breaks taken in working hours, more than the %3 planned</numerusform>
            <numerusform>100 % over the last %n days: %2 breaks taken in working hours, more than the %3 planned</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%1 % over the last %n days: %2 of %3 planned breaks taken in working hours</source>
        <translation>
            <numerusform>%1 % over the last %n day: %2 of %3 planned breaks taken in working hours</numerusform>
            <numerusform>%1 % over the last %n days: %2 of %3 planned breaks taken in working hours</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Days with a rating in the last 90 days: %n; latest: %1 on %2</source>
        <translation>
            <numerusform>Days with a rating in the last 90 days: %n; latest: %1 on %2</numerusform>
            <numerusform>Days with a rating in the last 90 days: %n; latest: %1 on %2</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>IceHeatWindow</name>
    <message numerus="yes">
        <source>%n minute(s), until {time}</source>
        <translation>
            <numerusform>%n minute, until {time}</numerusform>
            <numerusform>%n minutes, until {time}</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>Notice</name>
    <message numerus="yes">
        <source>{routine}, about %n minute(s)</source>
        <translation>
            <numerusform>{routine}, about %n minute</numerusform>
            <numerusform>{routine}, about %n minutes</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>Program</name>
    <message numerus="yes">
        <source>%n times a day, every day</source>
        <translation>
            <numerusform>%n time a day, every day</numerusform>
            <numerusform>%n times a day, every day</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>once a day, %n day(s) a week</source>
        <translation>
            <numerusform>once a day, %n day a week</numerusform>
            <numerusform>once a day, %n days a week</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>{times} times a day, %n day(s) a week</source>
        <translation>
            <numerusform>{times} times a day, %n day a week</numerusform>
            <numerusform>{times} times a day, %n days a week</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n minute(s)</source>
        <translation>
            <numerusform>%n minute</numerusform>
            <numerusform>%n minutes</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>{what} for {minutes}, %n times a day</source>
        <translation>
            <numerusform>{what} for {minutes}, %n time a day</numerusform>
            <numerusform>{what} for {minutes}, %n times a day</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>ProgramEditor</name>
    <message numerus="yes">
        <source>Activities the patient rates from 0 to 10 every %n day(s) (Patient-Specific Functional Scale; kept as written): %1</source>
        <translation>
            <numerusform>Activities the patient rates from 0 to 10 every %n day (Patient-Specific Functional Scale; kept as written): %1</numerusform>
            <numerusform>Activities the patient rates from 0 to 10 every %n days (Patient-Specific Functional Scale; kept as written): %1</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>Psfs</name>
    <message numerus="yes">
        <source>Your physical therapist asks you to rate %n activity(ies) from 0 to 10. It takes a minute.</source>
        <translation>
            <numerusform>Your physical therapist asks you to rate %n activity from 0 to 10. It takes a minute.</numerusform>
            <numerusform>Your physical therapist asks you to rate %n activities from 0 to 10. It takes a minute.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>Sync</name>
    <message numerus="yes">
        <source>%n problem(s) in the sync folder; the rest was merged. The first: {problem}</source>
        <translation>
            <numerusform>%n problem in the sync folder; the rest was merged. The first: {problem}</numerusform>
            <numerusform>%n problems in the sync folder; the rest was merged. The first: {problem}</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>SyncPanel</name>
    <message numerus="yes">
        <source>{name}: last wrote {when}, %n record(s)</source>
        <translation>
            <numerusform>{name}: last wrote {when}, %n record</numerusform>
            <numerusform>{name}: last wrote {when}, %n records</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>TrayController</name>
    <message numerus="yes">
        <source>Snooze %n minute(s)</source>
        <translation>
            <numerusform>Snooze %n minute</numerusform>
            <numerusform>Snooze %n minutes</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Snoozed %n time(s) in a row, the most allowed: take or skip the break</source>
        <translation>
            <numerusform>Snoozed %n time in a row, the most allowed: take or skip the break</numerusform>
            <numerusform>Snoozed %n times in a row, the most allowed: take or skip the break</numerusform>
        </translation>
    </message>
</context>
</TS>
