// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "AgentFormSection.h"
#include "ProviderTypes.h"

class FieldMessage;
class QComboBox;
class QLabel;
class QLineEdit;
class QPlainTextEdit;
class VariablesTable;

// Name, prompt, voice, language and template variables: the seed's fields.
class AgentBasicsSection : public AgentFormSection
{
    Q_OBJECT
public:
    explicit AgentBasicsSection(QWidget *parent = nullptr);

    void load(const AgentConfig &config) override;
    void store(AgentConfig &config) const override;
    int showProblems(const QJsonObject &problems, bool show) override;
    void setVoices(const QList<Voice> &voices, const QString &problem);
    // Duplicate variable keys, which the JSON of the API cannot even carry.
    bool hasDuplicateKeys() const;
    QString variablesProblem() const;
    QLineEdit *nameEdit() const { return m_name; }

private:
    QString voiceId() const;                    // what is stored: the voice's id
    QString voiceText(const QString &id) const; // what is shown: its name and language
    void updatePromptCount();

    QLineEdit *m_name;
    QPlainTextEdit *m_prompt;
    QLabel *m_promptCount;
    QComboBox *m_voice;
    QComboBox *m_language;
    VariablesTable *m_variables;
    FieldMessage *m_variablesMessage;
};
