<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="en">
<context>
    <name>AgentBasicsSection</name>
    <message numerus="yes">
        <source>%1 / %2 characters · %n placeholder(s)</source>
        <translation>
            <numerusform>%1 / %2 characters · %n placeholder</numerusform>
            <numerusform>%1 / %2 characters · %n placeholders</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>AgentsPane</name>
    <message numerus="yes">
        <source>%n agent(s)</source>
        <translation>
            <numerusform>%n agent</numerusform>
            <numerusform>%n agents</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Exported %n agent(s) to %1</source>
        <translation>
            <numerusform>Exported %n agent to %1</numerusform>
            <numerusform>Exported %n agents to %1</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Imported %n agent(s).</source>
        <translation>
            <numerusform>Imported %n agent.</numerusform>
            <numerusform>Imported %n agents.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Skipped %n agent(s):</source>
        <translation>
            <numerusform>Skipped %n agent:</numerusform>
            <numerusform>Skipped %n agents:</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>CallWords</name>
    <message numerus="yes">
        <source>%n second(s)</source>
        <translation>
            <numerusform>%n second</numerusform>
            <numerusform>%n seconds</numerusform>
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
    <name>CallsPane</name>
    <message numerus="yes">
        <source>%n call(s) match the filters</source>
        <translation>
            <numerusform>%n call match the filters</numerusform>
            <numerusform>%n calls match the filters</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n call(s)</source>
        <translation>
            <numerusform>%n call</numerusform>
            <numerusform>%n calls</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Exported %n call(s) to %1</source>
        <translation>
            <numerusform>Exported %n call to %1</numerusform>
            <numerusform>Exported %n calls to %1</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>CampaignForm</name>
    <message numerus="yes">
        <source>%n field(s) need attention before the campaign can be saved.</source>
        <translation>
            <numerusform>%n field needs attention before the campaign can be saved.</numerusform>
            <numerusform>%n fields need attention before the campaign can be saved.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>CampaignView</name>
    <message numerus="yes">
        <source>%n recipient(s) will be called again</source>
        <translation>
            <numerusform>%n recipient will be called again</numerusform>
            <numerusform>%n recipients will be called again</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n recipient(s)</source>
        <translation>
            <numerusform>%n recipient</numerusform>
            <numerusform>%n recipients</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Exported %n recipient(s) to %1</source>
        <translation>
            <numerusform>Exported %n recipient to %1</numerusform>
            <numerusform>Exported %n recipients to %1</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Your Ultravox account allows %n call(s) at once, so no more are placed.</source>
        <translation>
            <numerusform>Your Ultravox account allows %n call at once, so no more are placed.</numerusform>
            <numerusform>Your Ultravox account allows %n calls at once, so no more are placed.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>CampaignsPane</name>
    <message numerus="yes">
        <source>%n recipient(s) added.</source>
        <translation>
            <numerusform>%n recipient added.</numerusform>
            <numerusform>%n recipients added.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>CompanyEditor</name>
    <message numerus="yes">
        <source>%n field(s) need attention before the company can be saved.</source>
        <translation>
            <numerusform>%n field needs attention before the company can be saved.</numerusform>
            <numerusform>%n fields need attention before the company can be saved.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>DoNotCallDialog</name>
    <message numerus="yes">
        <source>%1-%2 of %n number(s)</source>
        <translation>
            <numerusform>%1-%2 of %n number</numerusform>
            <numerusform>%1-%2 of %n numbers</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n number(s) added to the do-not-call list.</source>
        <translation>
            <numerusform>%n number added to the do-not-call list.</numerusform>
            <numerusform>%n numbers added to the do-not-call list.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>FoldingSection</name>
    <message numerus="yes">
        <source>%1 · %n problem(s)</source>
        <translation>
            <numerusform>%1 · %n problem</numerusform>
            <numerusform>%1 · %n problems</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message numerus="yes">
        <source>%n call(s) in progress</source>
        <translation>
            <numerusform>%n call in progress</numerusform>
            <numerusform>%n calls in progress</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Switchboard — %n call(s) in progress</source>
        <translation>
            <numerusform>Switchboard — %n call in progress</numerusform>
            <numerusform>Switchboard — %n calls in progress</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>MetricsPane</name>
    <message numerus="yes">
        <source>Calls by status, last %n hour(s)</source>
        <translation>
            <numerusform>Calls by status, last %n hour</numerusform>
            <numerusform>Calls by status, last %n hours</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>RecipientImportDialog</name>
    <message numerus="yes">
        <source>%n line(s) rejected, listed below.</source>
        <translation>
            <numerusform>%n line rejected, listed below.</numerusform>
            <numerusform>%n lines rejected, listed below.</numerusform>
        </translation>
    </message>
</context>
</TS>
