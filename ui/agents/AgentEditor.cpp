// SPDX-License-Identifier: GPL-3.0-or-later
#include "AgentEditor.h"

#include "FieldMessage.h"
#include "Icons.h"
#include "PlaceholderHighlighter.h"
#include "Validation.h"
#include "VariablesTable.h"

#include <QComboBox>
#include <QFormLayout>
#include <QFrame>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QMessageBox>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QVBoxLayout>

using namespace Qt::StringLiterals;

namespace {
QWidget *withMessage(QWidget *field, FieldMessage *message, QWidget *extra = nullptr)
{
    auto *box = new QWidget;
    auto *layout = new QVBoxLayout(box);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->setSpacing(2);
    layout->addWidget(field);
    if (extra)
        layout->addWidget(extra);
    layout->addWidget(message);
    return box;
}

const QStringList commonLanguages{u"en"_s,    u"en-US"_s, u"en-GB"_s, u"en-AU"_s, u"es"_s,
                                  u"es-ES"_s, u"es-MX"_s, u"fr"_s,    u"fr-FR"_s, u"de"_s,
                                  u"de-DE"_s, u"it"_s,    u"pt"_s,    u"pt-BR"_s, u"nl"_s,
                                  u"hi"_s,    u"ja"_s,    u"zh"_s};
} // namespace

AgentEditor::AgentEditor(QWidget *parent)
    : QWidget(parent)
    , m_title(new QLabel(this))
    , m_statusBanner(new QFrame(this))
    , m_statusText(new QLabel(m_statusBanner))
    , m_retry(new QPushButton(Icons::get(u"retry"_s), tr("Retry"), m_statusBanner))
    , m_name(new QLineEdit(this))
    , m_nameMessage(new FieldMessage(this))
    , m_prompt(new QPlainTextEdit(this))
    , m_promptCount(new QLabel(this))
    , m_promptMessage(new FieldMessage(this))
    , m_voice(new QComboBox(this))
    , m_voiceMessage(new FieldMessage(this))
    , m_language(new QComboBox(this))
    , m_languageMessage(new FieldMessage(this))
    , m_variables(new VariablesTable(this))
    , m_variablesMessage(new FieldMessage(this))
    , m_busy(new QLabel(this))
    , m_save(new QPushButton(Icons::get(u"save"_s), tr("&Save"), this))
    , m_revert(new QPushButton(Icons::get(u"revert"_s), tr("Re&vert"), this))
    , m_delete(new QPushButton(Icons::get(u"delete"_s), tr("Delete"), this))
    , m_call(new QPushButton(Icons::get(u"call"_s), tr("Call…"), this))
{
    QFont titleFont = m_title->font();
    titleFont.setPointSizeF(titleFont.pointSizeF() * 1.3);
    titleFont.setBold(true);
    m_title->setFont(titleFont);

    m_statusBanner->setObjectName(u"agentStatusBanner"_s);
    m_statusBanner->setStyleSheet(
        u"QFrame#agentStatusBanner { background: rgba(198, 40, 40, 0.12); border: 1px solid "
        u"rgba(198, 40, 40, 0.4); border-radius: 4px; }"_s);
    m_statusText->setWordWrap(true);
    m_statusText->setTextInteractionFlags(Qt::TextSelectableByMouse);
    auto *bannerLayout = new QHBoxLayout(m_statusBanner);
    auto *warning = new QLabel(m_statusBanner);
    warning->setPixmap(Icons::get(u"warning"_s).pixmap(20, 20));
    bannerLayout->addWidget(warning, 0, Qt::AlignTop);
    bannerLayout->addWidget(m_statusText, 1);
    bannerLayout->addWidget(m_retry, 0, Qt::AlignTop);
    m_statusBanner->setVisible(false);

    m_name->setObjectName(u"agentName"_s);
    m_prompt->setObjectName(u"agentPrompt"_s);
    m_voice->setObjectName(u"agentVoice"_s);
    m_language->setObjectName(u"agentLanguage"_s);
    m_variables->setObjectName(u"agentVariables"_s);
    m_name->setPlaceholderText(tr("Customer Support Agent"));
    m_name->setAccessibleName(tr("Name"));
    m_prompt->setPlaceholderText(tr("You are a helpful agent for {{company_name}}. …"));
    m_prompt->setMinimumHeight(180);
    m_prompt->setTabChangesFocus(true);
    m_prompt->setAccessibleName(tr("Prompt"));
    new PlaceholderHighlighter(m_prompt->document());
    m_promptCount->setAlignment(Qt::AlignRight);
    m_voice->setEditable(true);
    m_voice->setInsertPolicy(QComboBox::NoInsert);
    m_voice->setAccessibleName(tr("Voice"));
    m_voice->setMinimumWidth(260);
    m_language->setEditable(true);
    m_language->setInsertPolicy(QComboBox::NoInsert);
    m_language->addItems(commonLanguages);
    m_language->setAccessibleName(tr("Language"));
    m_language->setMinimumWidth(120);
    m_busy->setWordWrap(true);

    auto *form = new QFormLayout;
    form->setFieldGrowthPolicy(QFormLayout::ExpandingFieldsGrow);
    form->addRow(tr("&Name"), withMessage(m_name, m_nameMessage));
    form->addRow(tr("&Prompt"), withMessage(m_prompt, m_promptMessage, m_promptCount));
    form->addRow(tr("&Voice"), withMessage(m_voice, m_voiceMessage));
    form->addRow(tr("&Language"), withMessage(m_language, m_languageMessage));
    form->addRow(tr("Template\nvariables"), withMessage(m_variables, m_variablesMessage));

    auto *buttons = new QHBoxLayout;
    buttons->addWidget(m_call);
    buttons->addWidget(m_delete);
    buttons->addStretch();
    buttons->addWidget(m_revert);
    buttons->addWidget(m_save);
    m_save->setDefault(true);
    m_save->setShortcut(QKeySequence::Save);
    m_save->setToolTip(tr("Save the agent (Ctrl+S)"));

    auto *layout = new QVBoxLayout(this);
    layout->addWidget(m_title);
    layout->addWidget(m_statusBanner);
    layout->addLayout(form, 1);
    layout->addWidget(m_busy);
    layout->addLayout(buttons);

    connect(m_name, &QLineEdit::textChanged, this, &AgentEditor::validate);
    connect(m_prompt, &QPlainTextEdit::textChanged, this, &AgentEditor::validate);
    connect(m_voice, &QComboBox::currentTextChanged, this, &AgentEditor::validate);
    connect(m_language, &QComboBox::currentTextChanged, this, &AgentEditor::validate);
    connect(m_variables, &VariablesTable::changed, this, &AgentEditor::validate);
    connect(m_save, &QPushButton::clicked, this, &AgentEditor::saveRequested);
    connect(m_delete, &QPushButton::clicked, this, &AgentEditor::deleteRequested);
    connect(m_retry, &QPushButton::clicked, this, &AgentEditor::retryRequested);
    connect(m_call, &QPushButton::clicked, this, &AgentEditor::callRequested);
    connect(m_revert, &QPushButton::clicked, this, [this] {
        if (m_loaded)
            edit(*m_loaded);
        else
            editNew();
    });
    editNew();
}

void AgentEditor::editNew()
{
    m_agentId.clear();
    m_loaded.reset();
    m_baseline = AgentConfig{};
    m_title->setText(tr("New agent"));
    m_name->setText({});
    m_prompt->setPlainText({});
    m_voice->setCurrentText(m_baseline.voice);
    m_language->setCurrentText(m_baseline.language);
    m_variables->setPairs({});
    m_showProblems = false;
    showAgentStatus();
    setBusy(false);
    validate();
}

void AgentEditor::edit(const Agent &agent)
{
    m_agentId = agent.id;
    m_loaded = agent;
    m_baseline = agent.config;
    m_title->setText(agent.config.name);
    m_name->setText(agent.config.name);
    m_prompt->setPlainText(agent.config.prompt);
    m_voice->setCurrentText(agent.config.voice);
    m_language->setCurrentText(agent.config.language);
    m_variables->setPairs(agent.config.templateVariables);
    m_showProblems = true;
    showAgentStatus();
    setBusy(false);
    validate();
}

void AgentEditor::agentChangedElsewhere(const Agent &agent)
{
    if (agent.id != m_agentId)
        return;
    if (isDirty()) {
        m_loaded = agent; // Revert goes to the newest; Save will meet the version check
        showAgentStatus();
        setBusy(false, tr("This agent was changed elsewhere while you were editing it. Save "
                          "to replace that change, or Revert to see it."));
        return;
    }
    edit(agent);
}

void AgentEditor::agentRemovedElsewhere(const QString &id)
{
    if (id != m_agentId)
        return;
    if (isDirty()) {
        // Keep what was typed: it can be saved as a new agent.
        m_agentId.clear();
        m_loaded.reset();
        m_title->setText(tr("New agent (the one you edited was deleted)"));
        showAgentStatus();
        validate();
        return;
    }
    editNew();
}

void AgentEditor::setVoices(const QList<Voice> &voices, const QString &problem)
{
    const QString current = m_voice->currentText();
    m_voice->blockSignals(true);
    m_voice->clear();
    m_voice->addItem(u"default"_s);
    m_voice->setItemData(0, tr("Ultravox's default voice"), Qt::ToolTipRole);
    for (const Voice &voice : voices) {
        m_voice->addItem(voice.name + u"  ("_s + voice.primaryLanguage + u')', voice.voiceId);
        m_voice->setItemData(m_voice->count() - 1, voice.description, Qt::ToolTipRole);
    }
    m_voice->setCurrentText(current);
    m_voice->blockSignals(false);
    m_voice->setToolTip(problem.isEmpty() ? QString()
                                          : tr("Voices could not be listed: %1").arg(problem));
}

void AgentEditor::setBusy(bool busy, const QString &message)
{
    m_busy->setText(message);
    m_busy->setVisible(!message.isEmpty());
    m_save->setEnabled(!busy && m_valid && (isDirty() || isNew()));
    m_delete->setEnabled(!busy && !isNew());
    m_retry->setEnabled(!busy);
}

AgentConfig AgentEditor::config() const
{
    AgentConfig config;
    config.name = m_name->text();
    config.prompt = m_prompt->toPlainText();
    // A voice picked from the list carries its id; a typed one is taken as it is.
    const int index = m_voice->findText(m_voice->currentText());
    config.voice = index > 0 && m_voice->itemData(index).isValid()
                       ? m_voice->itemData(index).toString()
                       : m_voice->currentText().trimmed();
    config.language = m_language->currentText().trimmed();
    config.templateVariables = m_variables->pairs();
    return config;
}

bool AgentEditor::isDirty() const
{
    return !(config() == m_baseline);
}

std::optional<qint64> AgentEditor::loadedVersion() const
{
    return m_loaded ? std::optional<qint64>(m_loaded->version) : std::nullopt;
}

QString AgentEditor::problemOf(const QString &field) const
{
    if (field == u"name"_s)
        return m_nameMessage->text();
    if (field == u"prompt"_s)
        return m_promptMessage->text();
    if (field == u"voice"_s)
        return m_voiceMessage->text();
    if (field == u"language"_s)
        return m_languageMessage->text();
    return m_variablesMessage->text();
}

void AgentEditor::updatePromptCount()
{
    const qsizetype count = Rules::characterCount(m_prompt->toPlainText());
    const int placeholders = int(promptPlaceholders(m_prompt->toPlainText()).size());
    m_promptCount->setText(tr("%1 / %2 characters · %n placeholder(s)", nullptr, placeholders)
                               .arg(count)
                               .arg(Rules::PromptMax));
}

void AgentEditor::validate()
{
    const AgentConfig current = config();
    FieldErrors errors;
    current.validate(errors);
    const QJsonObject problems = errors.toJson();

    // The first problem of the variables, and the keys at fault (rule breakers and duplicates).
    QStringList badKeys;
    QString variablesProblem = problems.value(u"template_variables"_s).toString();
    QStringList seen;
    for (const auto &[key, value] : current.templateVariables) {
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
    m_valid = problems.isEmpty() && variablesProblem.isEmpty();

    // Shown once the operator has typed something, or for an agent that exists.
    const bool dirty = isDirty();
    m_showProblems = m_showProblems || dirty;
    const auto show = [this, &problems](FieldMessage *message, const QString &label,
                                        const QString &field) {
        const QString problem = problems.value(field).toString();
        message->setProblem(m_showProblems && !problem.isEmpty() ? label.arg(problem) : QString());
    };
    show(m_nameMessage, tr("Name %1"), u"name"_s);
    show(m_promptMessage, tr("Prompt %1"), u"prompt"_s);
    show(m_voiceMessage, tr("Voice %1"), u"voice"_s);
    show(m_languageMessage, tr("Language %1"), u"language"_s);
    m_variablesMessage->setProblem(m_showProblems && !variablesProblem.isEmpty()
                                       ? tr("Variables: %1").arg(variablesProblem)
                                       : QString());
    m_variables->markBadKeys(m_showProblems ? badKeys : QStringList());

    updatePromptCount();
    m_save->setEnabled(m_valid && (dirty || isNew()));
    m_revert->setEnabled(dirty);
    m_delete->setEnabled(!isNew());
    m_call->setEnabled(!isNew() && m_loaded && m_loaded->status == AgentStatus::Active);
    if (dirty != m_wasDirty) {
        m_wasDirty = dirty;
        Q_EMIT dirtyChanged(dirty);
    }
}

void AgentEditor::showAgentStatus()
{
    const bool failed = m_loaded && m_loaded->status == AgentStatus::Error;
    m_statusBanner->setVisible(failed);
    if (failed)
        // Not only refusals end here: Ultravox unreachable, or a run stopped mid-creation.
        m_statusText->setText(tr("Ultravox does not have this agent as saved here. %1\nFix it "
                                 "and save, or retry as it is.")
                                  .arg(m_loaded->statusReason));
}

bool AgentEditor::confirmLeave()
{
    if (!isDirty() || (isNew() && config() == AgentConfig{}))
        return true;
    QMessageBox box(QMessageBox::Question, tr("Unsaved changes"),
                    tr("The agent \"%1\" has changes that are not saved.")
                        .arg(m_name->text().isEmpty() ? tr("New agent") : m_name->text()),
                    QMessageBox::Save | QMessageBox::Discard | QMessageBox::Cancel, this);
    box.setDefaultButton(QMessageBox::Save);
    box.button(QMessageBox::Save)->setEnabled(m_valid);
    switch (box.exec()) {
    case QMessageBox::Save:
        Q_EMIT saveRequested();
        return true;
    case QMessageBox::Discard:
        if (m_loaded)
            edit(*m_loaded);
        else
            editNew();
        return true;
    default:
        return false;
    }
}
