// SPDX-License-Identifier: GPL-3.0-or-later
#include "CampaignView.h"
#include "Theme.h"

#include "CampaignRepository.h"
#include "CampaignResults.h"
#include "CampaignWords.h"
#include "CoreBridge.h"
#include "Icons.h"
#include "RecipientTableModel.h"
#include "TableColumns.h"

#include <QComboBox>
#include <QDateTime>
#include <QFileDialog>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QMessageBox>
#include <QProgressBar>
#include <QPushButton>
#include <QRegularExpression>
#include <QStandardPaths>
#include <QTableView>
#include <QVBoxLayout>

using namespace Qt::StringLiterals;

namespace {
QString shortTime(qint64 ms)
{
    return QDateTime::fromMSecsSinceEpoch(ms).toString(u"yyyy-MM-dd HH:mm"_s);
}

QString counted(int count, const QString &one, const QString &many)
{
    return u"%1 %2"_s.arg(count).arg(count == 1 ? one : many);
}

QString hoursText(const CallingHours &hours)
{
    static const QStringList days{u"Mon"_s, u"Tue"_s, u"Wed"_s, u"Thu"_s,
                                  u"Fri"_s, u"Sat"_s, u"Sun"_s};
    QStringList on;
    for (int day = 0; day < 7; ++day) {
        if (hours.days & (1 << day))
            on << days.at(day);
    }
    if (hours.days == 0x7f)
        on = QStringList{QObject::tr("every day")};
    else if (hours.days == 0x1f)
        on = QStringList{QObject::tr("Mon-Fri")};
    const QJsonObject json = hours.toJson();
    return QObject::tr("%1-%2 %3 in %4")
        .arg(json.value(u"start"_s).toString(), json.value(u"end"_s).toString(), on.join(u' '),
             hours.usesRecipientZone() ? QObject::tr("the recipient's time") : hours.timeZone);
}
} // namespace

CampaignView::CampaignView(CoreBridge &core, QWidget *parent)
    : QWidget(parent)
    , m_core(core)
    , m_title(new QLabel(this))
    , m_status(new QLabel(this))
    , m_rules(new QLabel(this))
    , m_progress(new QProgressBar(this))
    , m_counts(new QLabel(this))
    , m_start(new QPushButton(tr("&Start"), this))
    , m_pause(new QPushButton(tr("&Pause"), this))
    , m_resume(new QPushButton(tr("&Resume"), this))
    , m_cancel(new QPushButton(tr("Ca&ncel campaign"), this))
    , m_edit(new QPushButton(tr("&Edit…"), this))
    , m_import(new QPushButton(tr("&Import recipients…"), this))
    , m_export(new QPushButton(Icons::get(u"export"_s), tr("E&xport results…"), this))
    , m_showCalls(new QPushButton(Icons::get(u"calls"_s), tr("Show calls in the &log"), this))
    , m_delete(new QPushButton(Icons::get(u"delete"_s), tr("&Delete"), this))
    , m_retryUnknown(new QPushButton(Icons::get(u"retry"_s), tr("Call unknown ones again"), this))
    , m_stateFilter(new QComboBox(this))
    , m_recipients(new RecipientTableModel(core.store(), this))
    , m_table(new QTableView(this))
    , m_recipientCount(new QLabel(this))
{
    QFont big = m_title->font();
    big.setPointSizeF(big.pointSizeF() * 1.4);
    big.setBold(true);
    m_title->setFont(big);
    m_title->setTextFormat(Qt::PlainText);
    m_status->setWordWrap(true);
    m_rules->setWordWrap(true);
    Theme::setTextRole(m_rules, Theme::Role::Hint);
    m_progress->setObjectName(u"campaignProgress"_s);
    m_progress->setFormat(tr("%v of %m done (%p%)"));
    m_progress->setMinimumHeight(24);
    m_counts->setWordWrap(true);
    m_counts->setObjectName(u"campaignCounts"_s);
    m_counts->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_cancel->setToolTip(tr("Nobody else is called; calls under way go on to their end"));
    auto *actions = new QHBoxLayout;
    for (QPushButton *button : {m_start, m_pause, m_resume, m_cancel})
        actions->addWidget(button);
    actions->addStretch();
    actions->addWidget(m_edit);
    actions->addWidget(m_delete);
    auto *more = new QHBoxLayout;
    more->addWidget(m_import);
    more->addWidget(m_export);
    more->addWidget(m_showCalls);
    more->addStretch();
    more->addWidget(m_retryUnknown);
    m_retryUnknown->setVisible(false);
    m_retryUnknown->setToolTip(
        tr("Their last call was placed but its outcome was lost (the computer stopped while it "
           "rang, say). They may have been reached: dial them again only if that is fine."));

    m_stateFilter->setAccessibleName(tr("Recipient state filter"));
    m_stateFilter->addItem(tr("All recipients"));
    for (const RecipientState state : allRecipientStates())
        m_stateFilter->addItem(CampaignWords::state(state), toString(state));
    auto *filterRow = new QHBoxLayout;
    filterRow->addWidget(new QLabel(tr("Recipients"), this));
    filterRow->addWidget(m_stateFilter);
    filterRow->addStretch();
    filterRow->addWidget(m_recipientCount);
    m_table->setModel(m_recipients);
    m_table->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_table->verticalHeader()->setVisible(false);
    m_table->verticalHeader()->setSectionResizeMode(QHeaderView::Fixed);
    m_table->verticalHeader()->setDefaultSectionSize(m_table->fontMetrics().height() + 8);
    TableColumns::setUp(m_table, u"recipients"_s,
                        {{RecipientTableModel::Line, 45},
                         {RecipientTableModel::Number, 120},
                         {RecipientTableModel::State, 140},
                         {RecipientTableModel::Attempts, 65},
                         {RecipientTableModel::LastOutcome, 100},
                         {RecipientTableModel::NextAttempt, 130}},
                        {RecipientTableModel::Number});
    m_table->setAlternatingRowColors(true);
    m_table->setAccessibleName(tr("Recipients"));

    auto *layout = new QVBoxLayout(this);
    layout->addWidget(m_title);
    layout->addWidget(m_status);
    layout->addWidget(m_rules);
    layout->addWidget(m_progress);
    layout->addWidget(m_counts);
    layout->addLayout(actions);
    layout->addLayout(more);
    layout->addLayout(filterRow);
    layout->addWidget(m_table, 1);

    connect(m_start, &QPushButton::clicked, this,
            [this] { run(int(CoreBridge::CampaignAction::Start)); });
    connect(m_pause, &QPushButton::clicked, this,
            [this] { run(int(CoreBridge::CampaignAction::Pause)); });
    connect(m_resume, &QPushButton::clicked, this,
            [this] { run(int(CoreBridge::CampaignAction::Resume)); });
    connect(m_cancel, &QPushButton::clicked, this, [this] {
        if (QMessageBox::question(this, tr("Cancel campaign"),
                                  tr("Cancel \"%1\"? Nobody else will be called; this cannot be "
                                     "undone.")
                                      .arg(m_campaign->name)) == QMessageBox::Yes)
            run(int(CoreBridge::CampaignAction::Cancel));
    });
    connect(m_edit, &QPushButton::clicked, this, [this] {
        if (m_campaign)
            Q_EMIT editRequested(*m_campaign);
    });
    connect(m_import, &QPushButton::clicked, this, [this] {
        if (m_campaign)
            Q_EMIT importRequested(*m_campaign);
    });
    connect(m_showCalls, &QPushButton::clicked, this, [this] {
        if (m_campaign)
            Q_EMIT showCallsRequested(m_campaign->id);
    });
    connect(m_export, &QPushButton::clicked, this, &CampaignView::exportResults);
    connect(m_retryUnknown, &QPushButton::clicked, this, [this] {
        if (!m_campaign)
            return;
        m_retryUnknown->setEnabled(false);
        m_core.retryUnknownRecipients(
            m_campaign->id, replyTo(this, [this](const std::variant<int, AppError> &result) {
                m_retryUnknown->setEnabled(true);
                if (const AppError *error = std::get_if<AppError>(&result))
                    Q_EMIT message(error->message(), 0);
                else
                    Q_EMIT message(
                        tr("%n recipient(s) will be called again", nullptr, std::get<int>(result)));
                refresh();
            }));
    });
    connect(m_delete, &QPushButton::clicked, this, [this] {
        if (!m_campaign ||
            QMessageBox::question(this, tr("Delete campaign"),
                                  tr("Delete \"%1\" and its recipients? Its calls stay in the "
                                     "call log.")
                                      .arg(m_campaign->name)) != QMessageBox::Yes)
            return;
        m_core.deleteCampaign(m_campaign->id,
                              replyTo(this, [this](const std::optional<AppError> &error) {
                                  if (error)
                                      Q_EMIT message(error->message(), 0);
                              }));
    });
    connect(m_stateFilter, &QComboBox::currentIndexChanged, this, [this] {
        RecipientState state;
        const bool filtered =
            recipientStateFromString(m_stateFilter->currentData().toString(), &state);
        m_recipients->setCampaign(m_campaign ? m_campaign->id : QString(),
                                  filtered ? std::optional(state) : std::nullopt);
        m_recipientCount->setText(tr("%n recipient(s)", nullptr, int(m_recipients->total())));
    });

    m_coalesce.setSingleShot(true);
    m_coalesce.setInterval(300);
    connect(&m_coalesce, &QTimer::timeout, this, &CampaignView::refresh);
    m_poll.setInterval(3000);
    connect(&m_poll, &QTimer::timeout, this, &CampaignView::refresh);
    connect(&m_core, &CoreBridge::campaignProgress, this, [this](const QString &id) {
        if (m_campaign && m_campaign->id == id)
            scheduleRefresh();
    });
    connect(&m_core, &CoreBridge::campaignChanged, this, [this](const Campaign &campaign) {
        if (m_campaign && m_campaign->id == campaign.id) {
            m_campaign = campaign;
            updateHeader();
            scheduleRefresh();
        }
    });
    show(std::nullopt);
}

void CampaignView::show(const std::optional<Campaign> &campaign)
{
    m_campaign = campaign;
    setEnabled(campaign.has_value());
    m_stateFilter->blockSignals(true);
    m_stateFilter->setCurrentIndex(0);
    m_stateFilter->blockSignals(false);
    m_recipients->setCampaign(campaign ? campaign->id : QString(), std::nullopt);
    refresh();
}

void CampaignView::scheduleRefresh()
{
    if (!m_coalesce.isActive())
        m_coalesce.start();
}

void CampaignView::refresh()
{
    if (!m_campaign) {
        m_title->setText(tr("No campaign chosen"));
        m_status->clear();
        m_rules->clear();
        m_counts->clear();
        m_progress->setRange(0, 1);
        m_progress->setValue(0);
        m_recipientCount->clear();
        m_poll.stop();
        updateButtons();
        return;
    }
    QMap<QString, qint64> counts;
    try {
        CampaignRepository campaigns(m_core.store());
        if (const std::optional<Campaign> stored = campaigns.find(m_campaign->id))
            m_campaign = stored;
        counts = campaigns.counts(m_campaign->id);
        m_recipients->refresh();
    } catch (const AppError &error) {
        Q_EMIT message(error.message(), 0);
        return;
    }
    const qint64 total = CampaignWords::total(counts);
    m_progress->setRange(0, int(std::max<qint64>(total, 1)));
    m_progress->setValue(int(CampaignWords::finished(counts)));
    m_counts->setText(total == 0 ? tr("No recipients yet: import a list.")
                                 : CampaignWords::countsSentence(counts));
    m_recipientCount->setText(tr("%n recipient(s)", nullptr, int(m_recipients->total())));
    m_retryUnknown->setVisible(counts.value(toString(RecipientState::Unknown)) > 0 &&
                               m_campaign->status != CampaignStatus::Canceled);
    updateHeader();
    m_core.accountCallLimit(replyTo(this, [this](const int &limit) {
        if (limit == m_accountLimit)
            return;
        m_accountLimit = limit;
        updateHeader();
    }));
    if (m_campaign->isActive() && !m_poll.isActive())
        m_poll.start();
    else if (!m_campaign->isActive())
        m_poll.stop();
}

void CampaignView::updateHeader()
{
    if (!m_campaign)
        return;
    const Campaign &campaign = *m_campaign;
    m_title->setText(campaign.name);
    QString status = u"<b>%1</b>"_s.arg(CampaignWords::status(campaign.status));
    if (!campaign.statusReason.isEmpty())
        status += u": "_s + campaign.statusReason.toHtmlEscaped();
    if (campaign.startAt > 0)
        status += u" · "_s + (campaign.status == CampaignStatus::Draft ||
                                      campaign.status == CampaignStatus::Scheduled
                                  ? tr("starts at %1")
                                  : tr("start time %1"))
                                 .arg(shortTime(campaign.startAt));
    else if (campaign.status == CampaignStatus::Draft)
        status += u" · "_s + tr("starts when you press Start");
    m_status->setText(status);
    const CampaignRules &rules = campaign.rules;
    QString retried = rules.retryOn.join(u", "_s);
    retried.replace(u"no-answer"_s, tr("no answer"))
        .replace(u"machine"_s, tr("answering machines"));
    m_rules->setText(tr("At most %1 at once and %2 a minute; calls %3; %4, %5 apart; retries %6.")
                         .arg(counted(rules.maxConcurrentCalls, tr("call"), tr("calls")),
                              counted(rules.callsPerMinute, tr("new call"), tr("new calls")),
                              hoursText(rules.hours),
                              counted(rules.maxAttempts, tr("attempt"), tr("attempts")),
                              counted(rules.retryDelaySeconds, tr("second"), tr("seconds")),
                              rules.retryOn.isEmpty() ? tr("nothing") : retried) +
                     // The account's limit is the one that holds when it is the lower.
                     (m_accountLimit > 0 && m_accountLimit < rules.maxConcurrentCalls
                          ? u" "_s + tr("Your Ultravox account allows %n call(s) at once, so no "
                                        "more are placed.",
                                        nullptr, m_accountLimit)
                          : QString()));
    updateButtons();
}

void CampaignView::updateButtons()
{
    const std::optional<CampaignStatus> status =
        m_campaign ? std::optional(m_campaign->status) : std::nullopt;
    const bool over =
        !status || *status == CampaignStatus::Completed || *status == CampaignStatus::Canceled;
    m_start->setEnabled(status == CampaignStatus::Draft);
    m_pause->setEnabled(status == CampaignStatus::Running || status == CampaignStatus::Scheduled);
    m_resume->setEnabled(status == CampaignStatus::Paused);
    m_cancel->setEnabled(!over);
    m_edit->setEnabled(!over);
    m_import->setEnabled(!over);
    m_delete->setEnabled(status && *status != CampaignStatus::Running);
}

void CampaignView::run(int action)
{
    if (!m_campaign)
        return;
    for (QPushButton *button : {m_start, m_pause, m_resume, m_cancel})
        button->setEnabled(false);
    m_core.runCampaignAction(m_campaign->id, CoreBridge::CampaignAction(action),
                             replyTo(this, [this](const std::variant<Campaign, AppError> &result) {
                                 if (const AppError *error = std::get_if<AppError>(&result))
                                     Q_EMIT message(error->message(), 0);
                                 refresh();
                             }));
}

qint64 CampaignView::exportTo(const QString &path)
{
    return m_campaign ? CampaignResults::writeCsvFile(m_core.store(), m_campaign->id, path) : 0;
}

void CampaignView::exportResults()
{
    if (!m_campaign)
        return;
    QString name = m_campaign->name;
    name.replace(QRegularExpression(u"[^A-Za-z0-9_-]+"_s), u"-"_s);
    const QString suggested = QStandardPaths::writableLocation(QStandardPaths::DocumentsLocation) +
                              u"/campaign-%1-results.csv"_s.arg(name);
    const QString path =
        QFileDialog::getSaveFileName(this, tr("Export results"), suggested, tr("CSV (*.csv)"));
    if (path.isEmpty())
        return;
    try {
        const qint64 written = exportTo(path);
        Q_EMIT message(tr("Exported %n recipient(s) to %1", nullptr, int(written)).arg(path));
    } catch (const AppError &error) {
        Q_EMIT message(error.message(), 0);
    }
}
