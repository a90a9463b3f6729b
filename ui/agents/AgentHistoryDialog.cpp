// SPDX-License-Identifier: GPL-3.0-or-later
#include "AgentHistoryDialog.h"

#include "AgentSettingsText.h"
#include "AppError.h"
#include "CoreBridge.h"
#include "Timestamps.h"

#include <QCheckBox>
#include <QComboBox>
#include <QDateTime>
#include <QDialogButtonBox>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QListWidget>
#include <QMessageBox>
#include <QPushButton>
#include <QSplitter>
#include <QTableWidget>
#include <QVBoxLayout>

using namespace Qt::StringLiterals;

namespace {
QString describe(const AgentRevision &revision)
{
    QString text = QObject::tr("Revision %1 · %2 · %3")
                       .arg(revision.number)
                       .arg(QDateTime::fromMSecsSinceEpoch(revision.createdAt)
                                .toLocalTime()
                                .toString(u"yyyy-MM-dd HH:mm:ss"_s),
                            revision.source);
    if (revision.restoredFrom > 0)
        text += QObject::tr(" of revision %1").arg(revision.restoredFrom);
    if (!revision.savedBy.isEmpty())
        text += u" · "_s + revision.savedBy;
    return text;
}
} // namespace

void AgentHistoryDialog::setVoiceNames(const QHash<QString, QString> &names)
{
    m_voiceNames = names;
    showDifference();
}

AgentHistoryDialog::AgentHistoryDialog(CoreBridge &core, const QString &agentId, QWidget *parent)
    : QDialog(parent)
    , m_core(core)
    , m_agentId(agentId)
    , m_list(new QListWidget(this))
    , m_left(new QComboBox(this))
    , m_right(new QComboBox(this))
    , m_onlyChanges(new QCheckBox(tr("Only what changed"), this))
    , m_differences(new QTableWidget(0, 3, this))
    , m_status(new QLabel(this))
    , m_restore(new QPushButton(tr("&Restore this revision"), this))
{
    setWindowTitle(tr("Agent history"));
    resize(1100, 640);
    m_list->setObjectName(u"revisionList"_s);
    m_differences->setObjectName(u"revisionDifferences"_s);
    m_differences->setHorizontalHeaderLabels({tr("Setting"), tr("Older"), tr("Newer")});
    m_differences->horizontalHeader()->setSectionResizeMode(0, QHeaderView::ResizeToContents);
    m_differences->horizontalHeader()->setSectionResizeMode(1, QHeaderView::Stretch);
    m_differences->horizontalHeader()->setSectionResizeMode(2, QHeaderView::Stretch);
    m_differences->verticalHeader()->setVisible(false);
    m_differences->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_differences->setWordWrap(true);
    m_onlyChanges->setChecked(true);
    m_status->setWordWrap(true);

    auto *choices = new QHBoxLayout;
    choices->addWidget(new QLabel(tr("Compare"), this));
    choices->addWidget(m_left, 1);
    choices->addWidget(new QLabel(tr("with"), this));
    choices->addWidget(m_right, 1);
    choices->addWidget(m_onlyChanges);
    auto *right = new QWidget(this);
    auto *rightLayout = new QVBoxLayout(right);
    rightLayout->setContentsMargins(0, 0, 0, 0);
    rightLayout->addLayout(choices);
    rightLayout->addWidget(m_differences, 1);
    auto *splitter = new QSplitter(this);
    splitter->addWidget(m_list);
    splitter->addWidget(right);
    splitter->setSizes({330, 770});

    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Close, this);
    buttons->addButton(m_restore, QDialogButtonBox::ActionRole);
    auto *layout = new QVBoxLayout(this);
    layout->addWidget(splitter, 1);
    layout->addWidget(m_status);
    layout->addWidget(buttons);

    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    connect(m_restore, &QPushButton::clicked, this, &AgentHistoryDialog::restoreSelected);
    connect(m_left, &QComboBox::currentIndexChanged, this, &AgentHistoryDialog::showDifference);
    connect(m_right, &QComboBox::currentIndexChanged, this, &AgentHistoryDialog::showDifference);
    connect(m_onlyChanges, &QCheckBox::toggled, this, &AgentHistoryDialog::showDifference);
    // Picking a revision compares it with the one before it.
    connect(m_list, &QListWidget::currentRowChanged, this, [this](int row) {
        m_restore->setEnabled(row > 0);
        if (row < 0 || row >= m_revisions.size())
            return;
        const qint64 picked = m_revisions.at(row).number;
        const qint64 before =
            row + 1 < m_revisions.size() ? m_revisions.at(row + 1).number : picked;
        compare(before, picked);
    });
    reload();
}

void AgentHistoryDialog::reload()
{
    try {
        m_revisions = AgentRevisionRepository(m_core.store()).list(m_agentId);
    } catch (const AppError &error) {
        m_status->setText(tr("Could not read the history: %1").arg(error.message()));
        return;
    }
    m_list->clear();
    m_left->blockSignals(true);
    m_right->blockSignals(true);
    m_left->clear();
    m_right->clear();
    for (const AgentRevision &revision : m_revisions) {
        m_list->addItem(describe(revision));
        m_left->addItem(tr("revision %1").arg(revision.number), revision.number);
        m_right->addItem(tr("revision %1").arg(revision.number), revision.number);
    }
    m_left->blockSignals(false);
    m_right->blockSignals(false);
    if (m_revisions.isEmpty()) {
        m_status->setText(tr("No revisions yet: the first save of this agent records one."));
        m_restore->setEnabled(false);
        return;
    }
    m_status->setText(tr("The newest revision is what the agent has now. Restore saves an "
                         "older one as a new revision and updates Ultravox."));
    m_list->setCurrentRow(0);
}

std::optional<AgentRevision> AgentHistoryDialog::revisionNumbered(qint64 number) const
{
    for (const AgentRevision &revision : m_revisions) {
        if (revision.number == number)
            return revision;
    }
    return std::nullopt;
}

void AgentHistoryDialog::compare(qint64 left, qint64 right)
{
    m_left->blockSignals(true);
    m_left->setCurrentIndex(m_left->findData(left));
    m_left->blockSignals(false);
    m_right->setCurrentIndex(m_right->findData(right));
    showDifference();
}

void AgentHistoryDialog::showDifference()
{
    const std::optional<AgentRevision> left = revisionNumbered(m_left->currentData().toLongLong());
    const std::optional<AgentRevision> right =
        revisionNumbered(m_right->currentData().toLongLong());
    m_differences->setRowCount(0);
    if (!left || !right)
        return;
    m_differences->setHorizontalHeaderLabels(
        {tr("Setting"), tr("Revision %1").arg(left->number), tr("Revision %1").arg(right->number)});
    // Both sides' settings, in the order of the newer one, then those only the other has.
    const QList<QPair<QString, QString>> before =
        AgentSettingsText::rows(left->config, m_voiceNames);
    const QList<QPair<QString, QString>> after =
        AgentSettingsText::rows(right->config, m_voiceNames);
    QStringList paths;
    QHash<QString, QString> beforeValues;
    QHash<QString, QString> afterValues;
    for (const auto &[path, value] : after) {
        paths << path;
        afterValues.insert(path, value);
    }
    for (const auto &[path, value] : before) {
        if (!afterValues.contains(path))
            paths << path;
        beforeValues.insert(path, value);
    }
    const QColor changed(255, 196, 0, 70);
    for (const QString &path : paths) {
        const bool differs = beforeValues.value(path, u"—"_s) != afterValues.value(path, u"—"_s);
        if (m_onlyChanges->isChecked() && !differs)
            continue;
        const int row = m_differences->rowCount();
        m_differences->insertRow(row);
        const QStringList cells{path, beforeValues.value(path, u"—"_s),
                                afterValues.value(path, u"—"_s)};
        for (int column = 0; column < 3; ++column) {
            auto *item = new QTableWidgetItem(cells.at(column));
            if (differs)
                item->setBackground(changed);
            m_differences->setItem(row, column, item);
        }
    }
    m_differences->resizeRowsToContents();
    if (m_differences->rowCount() == 0)
        m_status->setText(
            tr("Revisions %1 and %2 have the same settings.").arg(left->number).arg(right->number));
}

void AgentHistoryDialog::restoreSelected()
{
    const int row = m_list->currentRow();
    if (row < 0 || row >= m_revisions.size())
        return;
    const qint64 number = m_revisions.at(row).number;
    m_restore->setEnabled(false);
    m_status->setText(tr("Restoring revision %1…").arg(number));
    m_core.restoreAgentRevision(
        m_agentId, number, std::nullopt, replyTo(this, [this, number](const AgentResult &result) {
            if (!result.agent.id.isEmpty())
                Q_EMIT restored(result.agent);
            reload();
            m_status->setText(result.error ? tr("Revision %1 was saved again, but: %2")
                                                 .arg(number)
                                                 .arg(result.error->message())
                                           : tr("Restored revision %1 as revision %2.")
                                                 .arg(number)
                                                 .arg(result.agent.revision));
        }));
}
