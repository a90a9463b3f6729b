// SPDX-License-Identifier: GPL-3.0-or-later
#include "AgentEditor.h"
#include "Theme.h"

#include "AgentAdvancedSection.h"
#include "AgentBasicsSection.h"
#include "AgentConversationSection.h"
#include "AgentTimingSection.h"
#include "AgentToolsSection.h"
#include "FoldingSection.h"
#include "Icons.h"
#include "Validation.h"

#include <QFrame>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QMessageBox>
#include <QPushButton>
#include <QRegularExpression>
#include <QScrollArea>
#include <QVBoxLayout>

using namespace Qt::StringLiterals;

AgentEditor::AgentEditor(QWidget *parent)
    : QWidget(parent)
    , m_title(new QLabel(this))
    , m_revision(new QLabel(this))
    , m_statusBanner(new QFrame(this))
    , m_statusText(new QLabel(m_statusBanner))
    , m_retry(new QPushButton(Icons::get(u"retry"_s), tr("Retry"), m_statusBanner))
    , m_basics(new AgentBasicsSection)
    , m_scroll(new QScrollArea(this))
    , m_busy(new QLabel(this))
    , m_save(new QPushButton(Icons::get(u"save"_s), tr("&Save"), this))
    , m_test(new QPushButton(tr("&Test..."), this))
    , m_revert(new QPushButton(Icons::get(u"revert"_s), tr("Re&vert"), this))
    , m_delete(new QPushButton(Icons::get(u"delete"_s), tr("Delete"), this))
    , m_call(new QPushButton(Icons::get(u"call"_s), tr("Call…"), this))
    , m_history(new QPushButton(tr("&History…"), this))
    , m_duplicate(new QPushButton(tr("D&uplicate"), this))
{
    QFont titleFont = m_title->font();
    titleFont.setPointSizeF(titleFont.pointSizeF() * 1.3);
    titleFont.setBold(true);
    m_title->setFont(titleFont);
    m_revision->setObjectName(u"agentRevision"_s);
    Theme::setTextRole(m_revision, Theme::Role::Hint);

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
    m_busy->setWordWrap(true);

    // Basics stays open; the rest start folded so the form fits, each with its defaults.
    m_tools = new AgentToolsSection;
    m_parts = {m_basics, new AgentConversationSection, new AgentTimingSection, m_tools,
               new AgentAdvancedSection};
    const QStringList titles{tr("Basics"), tr("Conversation"), tr("Timing"), tr("Tools"),
                             tr("Advanced")};
    auto *sectionsBox = new QWidget;
    auto *sectionsLayout = new QVBoxLayout(sectionsBox);
    sectionsLayout->setContentsMargins(0, 0, 4, 0);
    for (qsizetype i = 0; i < m_parts.size(); ++i) {
        auto *fold = new FoldingSection(titles.at(i), m_parts.at(i), sectionsBox);
        fold->setObjectName(u"section"_s + titles.at(i));
        fold->setExpanded(i == 0);
        m_folds.append(fold);
        sectionsLayout->addWidget(fold);
        connect(m_parts.at(i), &AgentFormSection::changed, this, &AgentEditor::validate);
    }
    sectionsLayout->addStretch();
    m_scroll->setWidget(sectionsBox);
    m_scroll->setWidgetResizable(true);
    m_scroll->setFrameShape(QFrame::NoFrame);

    auto *buttons = new QHBoxLayout;
    buttons->addWidget(m_call);
    buttons->addWidget(m_history);
    buttons->addWidget(m_duplicate);
    buttons->addWidget(m_delete);
    buttons->addStretch();
    buttons->addWidget(m_revert);
    buttons->addWidget(m_test);
    buttons->addWidget(m_save);
    m_test->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_T));
    m_test->setToolTip(tr("Talk to the agent as it is in the form, in text or voice, without a "
                          "phone line (Ctrl+T)"));
    m_save->setDefault(true);
    m_save->setShortcut(QKeySequence::Save);
    m_save->setToolTip(tr("Save the agent (Ctrl+S)"));
    m_history->setToolTip(tr("Every saved version of this agent; compare and restore"));
    m_duplicate->setToolTip(tr("A new agent with these settings"));

    auto *heading = new QHBoxLayout;
    heading->addWidget(m_title, 1);
    heading->addWidget(m_revision);
    auto *layout = new QVBoxLayout(this);
    layout->addLayout(heading);
    layout->addWidget(m_statusBanner);
    layout->addWidget(m_scroll, 1);
    layout->addWidget(m_busy);
    layout->addLayout(buttons);

    connect(m_save, &QPushButton::clicked, this, &AgentEditor::saveRequested);
    connect(m_delete, &QPushButton::clicked, this, &AgentEditor::deleteRequested);
    connect(m_retry, &QPushButton::clicked, this, &AgentEditor::retryRequested);
    connect(m_call, &QPushButton::clicked, this, &AgentEditor::callRequested);
    connect(m_history, &QPushButton::clicked, this, &AgentEditor::historyRequested);
    connect(m_duplicate, &QPushButton::clicked, this, &AgentEditor::duplicateRequested);
    connect(m_test, &QPushButton::clicked, this, &AgentEditor::testRequested);
    connect(m_revert, &QPushButton::clicked, this, [this] {
        if (m_loaded)
            edit(*m_loaded);
        else
            editNew();
    });
    editNew();
}

FoldingSection *AgentEditor::section(const QString &title) const
{
    return findChild<FoldingSection *>(u"section"_s + title);
}

void AgentEditor::loadConfig(const AgentConfig &config)
{
    m_touched.clear();
    m_loading = true;
    for (AgentFormSection *part : m_parts)
        part->load(config);
    m_loading = false;
}

void AgentEditor::setDefaultRegion(const QString &region)
{
    m_tools->setDefaultRegion(region);
}

void AgentEditor::editNew()
{
    editNewFrom(AgentConfig{});
    m_baseline = AgentConfig{};
    m_showProblems = false;
    validate();
}

void AgentEditor::editNewFrom(const AgentConfig &config)
{
    m_agentId.clear();
    m_loaded.reset();
    m_baseline = AgentConfig{};
    m_title->setText(tr("New agent"));
    m_revision->clear();
    loadConfig(config);
    m_showProblems = !(config == AgentConfig{});
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
    m_revision->setText(agent.revision > 0 ? tr("revision %1").arg(agent.revision) : QString());
    loadConfig(agent.config);
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
    m_basics->setVoices(voices, problem);
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
    for (const AgentFormSection *part : m_parts)
        part->store(config);
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
    if (field.startsWith(u"template_variables"_s))
        return m_basics->variablesProblem();
    for (const AgentFormSection *part : m_parts) {
        const QString problem = part->problemOf(field);
        if (!problem.isEmpty())
            return problem;
    }
    return {};
}

void AgentEditor::validate()
{
    if (m_loading)
        return;
    const AgentConfig current = config();
    FieldErrors errors;
    current.validate(errors);
    const QJsonObject problems = errors.toJson();

    // A new form speaks only of the fields the operator changed: typing a name does not bring
    // "must not be empty" under the prompt. An agent that exists shows all it has.
    const bool dirty = isDirty();
    const QJsonObject now = current.toJson();
    const QJsonObject before = m_baseline.toJson();
    for (auto it = now.constBegin(); it != now.constEnd(); ++it) {
        if (before.value(it.key()) != it.value())
            m_touched.insert(it.key());
    }
    QJsonObject shown;
    for (auto it = problems.constBegin(); it != problems.constEnd(); ++it) {
        static const QRegularExpression separator(u"[.\\[]"_s);
        if (m_showProblems || m_touched.contains(it.key().section(separator, 0, 0)))
            shown.insert(it.key(), it.value());
    }
    for (qsizetype i = 0; i < m_parts.size(); ++i)
        m_folds.at(i)->setProblemCount(m_parts.at(i)->showProblems(shown, true));
    m_valid = problems.isEmpty() && !m_basics->hasDuplicateKeys();

    m_save->setEnabled(m_valid && (dirty || isNew()));
    m_test->setEnabled(m_valid);
    m_revert->setEnabled(dirty);
    m_delete->setEnabled(!isNew());
    m_history->setEnabled(!isNew());
    m_duplicate->setEnabled(!isNew());
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
    const QString name = config().name;
    QMessageBox box(QMessageBox::Question, tr("Unsaved changes"),
                    tr("The agent \"%1\" has changes that are not saved.")
                        .arg(name.isEmpty() ? tr("New agent") : name),
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
