<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="en_US">
<context>
    <name>App</name>
    <message numerus="yes">
        <source>Break in %n second(s)</source>
        <translation>
            <numerusform>Break in %n second</numerusform>
            <numerusform>Break in %n seconds</numerusform>
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
    <name>TrayController</name>
    <message numerus="yes">
        <source>&amp;Snooze %n minute(s)</source>
        <translation>
            <numerusform>&amp;Snooze %n minute</numerusform>
            <numerusform>&amp;Snooze %n minutes</numerusform>
        </translation>
    </message>
</context>
</TS>
