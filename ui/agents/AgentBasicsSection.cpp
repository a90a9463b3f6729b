// SPDX-License-Identifier: GPL-3.0-or-later
#include "AgentBasicsSection.h"

#include "FieldMessage.h"
#include "PlaceholderHighlighter.h"
#include "Validation.h"
#include "VariablesTable.h"

#include <QComboBox>
#include <QFormLayout>
#include <QLabel>
#include <QLineEdit>
#include <QPlainTextEdit>
#include <QVBoxLayout>

using namespace Qt::StringLiterals;

namespace {
const QStringList commonLanguages{u"en"_s,    u"en-US"_s, u"en-GB"_s, u"en-AU"_s, u"es"_s,
                                  u"es-ES"_s, u"es-MX"_s, u"fr"_s,    u"fr-FR"_s, u"de"_s,
                                  u"de-DE"_s, u"it"_s,    u"pt"_s,    u"pt-BR"_s, u"nl"_s,
                                  u"hi"_s,    u"ja"_s,    u"zh"_s};
} // namespace

AgentBasicsSection::AgentBasicsSection(QWidget *parent)
    : AgentFormSection(parent)
    , m_name(new QLineEdit(this))
    , m_prompt(new QPlainTextEdit(this))
    , m_promptCount(new QLabel(this))
    , m_voice(new QComboBox(this))
    , m_language(new QComboBox(this))
    , m_variables(new VariablesTable(this))
    , m_variablesMessage(new FieldMessage(this))
{
    m_name->setObjectName(u"agentName"_s);
    m_prompt->setObjectName(u"agentPrompt"_s);
    m_voice->setObjectName(u"agentVoice"_s);
    m_language->setObjectName(u"agentLanguage"_s);
    m_variables->setObjectName(u"agentVariables"_s);
    m_name->setPlaceholderText(tr("Customer Support Agent"));
    m_prompt->setPlaceholderText(tr("You are a helpful agent for {{company_name}}. …"));
    m_prompt->setMinimumHeight(160);
    m_prompt->setTabChangesFocus(true);
    new PlaceholderHighlighter(m_prompt->document());
    m_promptCount->setAlignment(Qt::AlignRight);
    m_voice->setEditable(true);
    m_voice->setInsertPolicy(QComboBox::NoInsert);
    m_voice->setMinimumWidth(260);
    m_language->setEditable(true);
    m_language->setInsertPolicy(QComboBox::NoInsert);
    m_language->addItems(commonLanguages);
    m_language->setMinimumWidth(120);

    auto *promptBox = new QWidget(this);
    auto *promptLayout = new QVBoxLayout(promptBox);
    promptLayout->setContentsMargins(0, 0, 0, 0);
    promptLayout->setSpacing(1);
    promptLayout->addWidget(m_prompt);
    promptLayout->addWidget(m_promptCount);

    auto *variablesBox = new QWidget(this);
    auto *variablesLayout = new QVBoxLayout(variablesBox);
    variablesLayout->setContentsMargins(0, 0, 0, 0);
    variablesLayout->addWidget(m_variables);
    variablesLayout->addWidget(m_variablesMessage);

    QFormLayout *form = newForm();
    addRow(form, tr("&Name"), m_name, u"name"_s,
           tr("Letters, numbers, spaces, hyphens and underscores; up to %1.")
               .arg(Rules::AgentNameMax));
    addRow(form, tr("&Prompt"), promptBox, u"prompt"_s,
           tr("What the agent is and does. {{name}} placeholders take the call's values."));
    addRow(form, tr("&Voice"), m_voice, u"voice"_s, tr("\"default\" is Ultravox's default voice."));
    addRow(form, tr("&Language"), m_language, u"language"_s,
           tr("A hint for speech recognition and synthesis, such as en or en-US."));
    form->addRow(tr("Template\nvariables"), variablesBox);
    m_prompt->setAccessibleName(tr("Prompt"));

    connect(m_name, &QLineEdit::textChanged, this, &AgentFormSection::changed);
    connect(m_prompt, &QPlainTextEdit::textChanged, this, [this] {
        updatePromptCount();
        Q_EMIT changed();
    });
    connect(m_voice, &QComboBox::currentTextChanged, this, &AgentFormSection::changed);
    connect(m_language, &QComboBox::currentTextChanged, this, &AgentFormSection::changed);
    connect(m_variables, &VariablesTable::changed, this, &AgentFormSection::changed);
}

void AgentBasicsSection::load(const AgentConfig &config)
{
    m_name->setText(config.name);
    m_prompt->setPlainText(config.prompt);
    m_voice->setCurrentText(voiceText(config.voice));
    m_language->setCurrentText(config.language);
    m_variables->setPairs(config.templateVariables);
    updatePromptCount();
}

void AgentBasicsSection::store(AgentConfig &config) const
{
    config.name = m_name->text();
    config.prompt = m_prompt->toPlainText();
    config.voice = voiceId();
    config.language = m_language->currentText().trimmed();
    config.templateVariables = m_variables->pairs();
}

QString AgentBasicsSection::voiceId() const
{
    // A voice picked from the list carries its id; a typed one is taken as it is.
    const int index = m_voice->findText(m_voice->currentText());
    return index > 0 && m_voice->itemData(index).isValid() ? m_voice->itemData(index).toString()
                                                           : m_voice->currentText().trimmed();
}

QString AgentBasicsSection::voiceText(const QString &id) const
{
    // The voice's name and language as the list shows it, not Ultravox's id for it.
    const int index = id.isEmpty() ? -1 : m_voice->findData(id);
    return index > 0 ? m_voice->itemText(index) : id;
}

void AgentBasicsSection::setVoices(const QList<Voice> &voices, const QString &problem)
{
    const QString current = voiceId();
    m_voice->blockSignals(true);
    m_voice->clear();
    m_voice->addItem(u"default"_s);
    m_voice->setItemData(0, tr("Ultravox's default voice"), Qt::ToolTipRole);
    for (const Voice &voice : voices) {
        m_voice->addItem(voice.name + u"  ("_s + voice.primaryLanguage + u')', voice.voiceId);
        m_voice->setItemData(m_voice->count() - 1, voice.description, Qt::ToolTipRole);
    }
    m_voice->setCurrentText(voiceText(current));
    m_voice->blockSignals(false);
    m_voice->setToolTip(problem.isEmpty() ? QString()
                                          : tr("Voices could not be listed: %1").arg(problem));
}

bool AgentBasicsSection::hasDuplicateKeys() const
{
    QStringList seen;
    for (const auto &[key, value] : m_variables->pairs()) {
        if (seen.contains(key))
            return true;
        seen << key;
    }
    return false;
}

QString AgentBasicsSection::variablesProblem() const
{
    return m_variablesMessage->text();
}

int AgentBasicsSection::showProblems(const QJsonObject &problems, bool show)
{
    int count = AgentFormSection::showProblems(problems, show);
    // The first problem of the variables, and the keys at fault (rule breakers and duplicates).
    QStringList badKeys;
    QString variablesProblem = problems.value(u"template_variables"_s).toString();
    QStringList seen;
    for (const auto &[key, value] : m_variables->pairs()) {
        const QString rule = problems.value(u"template_variables."_s + key).toString();
        const QString problem =
            !rule.isEmpty() ? tr("'%1': %2").arg(key, rule)
                            : (seen.contains(key) ? tr("'%1' appears twice").arg(key) : QString());
        if (!problem.isEmpty()) {
            badKeys << key;
            if (variablesProblem.isEmpty())
                variablesProblem = problem;
        }
        seen << key;
    }
    count += variablesProblem.isEmpty() ? 0 : 1;
    m_variablesMessage->setProblem(show && !variablesProblem.isEmpty()
                                       ? tr("Variables: %1").arg(variablesProblem)
                                       : QString());
    m_variables->markBadKeys(show ? badKeys : QStringList());
    return count;
}

void AgentBasicsSection::updatePromptCount()
{
    const qsizetype count = Rules::characterCount(m_prompt->toPlainText());
    const int placeholders = int(promptPlaceholders(m_prompt->toPlainText()).size());
    m_promptCount->setText(tr("%1 / %2 characters · %n placeholder(s)", nullptr, placeholders)
                               .arg(count)
                               .arg(Rules::PromptMax));
}
