// SPDX-License-Identifier: GPL-3.0-or-later
#include "CampaignForm.h"

#include "CoreBridge.h"
#include "FieldMessage.h"
#include "ModelRoles.h"
#include "Theme.h"
#include "Timestamps.h"
#include "Validation.h"

#include <QCheckBox>
#include <QComboBox>
#include <QDateTimeEdit>
#include <QDialogButtonBox>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QJsonArray>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QSpinBox>
#include <QTimeZone>
#include <QVBoxLayout>

using namespace Qt::StringLiterals;

namespace {
const QStringList dayKeys{u"mon"_s, u"tue"_s, u"wed"_s, u"thu"_s, u"fri"_s, u"sat"_s, u"sun"_s};

QString clock(int minute)
{
    return u"%1:%2"_s.arg(minute / 60, 2, 10, QChar(u'0')).arg(minute % 60, 2, 10, QChar(u'0'));
}

// Wider than the rules allow, so that the rules (not the spin box) say what is wrong.
QSpinBox *numberBox(QWidget *parent, int value, const QString &suffix = {})
{
    auto *box = new QSpinBox(parent);
    box->setRange(0, 99999999);
    box->setValue(value);
    box->setSuffix(suffix);
    box->setMinimumWidth(120);
    return box;
}
} // namespace

CampaignForm::CampaignForm(CoreBridge &core, QAbstractItemModel *agents, QWidget *parent)
    : QDialog(parent)
    , m_core(core)
    , m_name(new QLineEdit(this))
    , m_agent(new QComboBox(this))
    , m_zone(new QComboBox(this))
    , m_startLater(new QCheckBox(tr("Start at"), this))
    , m_startAt(new QDateTimeEdit(QDateTime::currentDateTime().addSecs(3600), this))
    , m_error(new QLabel(this))
    , m_save(new QPushButton(tr("&Save"), this))
{
    setObjectName(u"campaignForm"_s);
    setWindowTitle(tr("New campaign"));
    const CampaignRules defaults;
    m_name->setPlaceholderText(tr("March reminders"));
    m_agent->setModel(agents);
    m_agent->setCurrentIndex(-1);
    m_agent->setPlaceholderText(tr("Choose the agent who calls"));
    m_concurrent = numberBox(this, defaults.maxConcurrentCalls);
    m_perMinute = numberBox(this, defaults.callsPerMinute);
    m_hoursStart = new QLineEdit(clock(defaults.hours.startMinute), this);
    m_hoursEnd = new QLineEdit(clock(defaults.hours.endMinute), this);
    for (QLineEdit *edit : {m_hoursStart, m_hoursEnd}) {
        edit->setPlaceholderText(u"HH:MM"_s);
        edit->setMaximumWidth(80);
    }
    auto *hours = new QWidget(this);
    auto *hoursLayout = new QHBoxLayout(hours);
    hoursLayout->setContentsMargins(0, 0, 0, 0);
    hoursLayout->addWidget(m_hoursStart);
    hoursLayout->addWidget(new QLabel(tr("to"), this));
    hoursLayout->addWidget(m_hoursEnd);
    hoursLayout->addStretch();
    auto *days = new QWidget(this);
    auto *daysLayout = new QHBoxLayout(days);
    daysLayout->setContentsMargins(0, 0, 0, 0);
    const QStringList dayNames{tr("Mon"), tr("Tue"), tr("Wed"), tr("Thu"),
                               tr("Fri"), tr("Sat"), tr("Sun")};
    for (int day = 0; day < 7; ++day) {
        auto *box = new QCheckBox(dayNames.at(day), this);
        box->setChecked(defaults.hours.days & (1 << day));
        m_days << box;
        daysLayout->addWidget(box);
    }
    daysLayout->addStretch();
    m_zone->setEditable(true);
    m_zone->setInsertPolicy(QComboBox::NoInsert);
    m_zone->addItem(tr("The recipient's time zone"), CallingHours::RecipientZone);
    for (const QByteArray &zone : QTimeZone::availableTimeZoneIds())
        m_zone->addItem(QString::fromLatin1(zone), QString::fromLatin1(zone));
    m_attempts = numberBox(this, defaults.maxAttempts);
    m_retryDelay = numberBox(this, defaults.retryDelaySeconds, tr(" s"));
    auto *retry = new QWidget(this);
    auto *retryLayout = new QHBoxLayout(retry);
    retryLayout->setContentsMargins(0, 0, 0, 0);
    const QList<QPair<QString, QString>> outcomes{{u"busy"_s, tr("Busy")},
                                                  {u"no-answer"_s, tr("No answer")},
                                                  {u"failed"_s, tr("Failed")},
                                                  {u"machine"_s, tr("Answering machine")}};
    for (const auto &[outcome, label] : outcomes) {
        auto *box = new QCheckBox(label, this);
        box->setChecked(defaults.retryOn.contains(outcome));
        m_retryOn.insert(outcome, box);
        retryLayout->addWidget(box);
    }
    retryLayout->addStretch();
    m_startAt->setCalendarPopup(true);
    m_startAt->setDisplayFormat(u"yyyy-MM-dd HH:mm"_s);
    m_startAt->setEnabled(false);
    auto *start = new QWidget(this);
    auto *startLayout = new QHBoxLayout(start);
    startLayout->setContentsMargins(0, 0, 0, 0);
    startLayout->addWidget(m_startLater);
    startLayout->addWidget(m_startAt);
    startLayout->addStretch();

    auto *form = new QFormLayout;
    form->setFieldGrowthPolicy(QFormLayout::ExpandingFieldsGrow);
    row(form, tr("Name"), m_name, u"name"_s);
    row(form, tr("Agent"), m_agent, u"agent_id"_s);
    row(form, tr("Calls at once"), m_concurrent, u"max_concurrent_calls"_s);
    row(form, tr("New calls per minute"), m_perMinute, u"calls_per_minute"_s);
    row(form, tr("Calling hours"), hours, u"calling_hours.start"_s);
    m_messages.insert(u"calling_hours.end"_s, {m_messages.value(u"calling_hours.start"_s).line,
                                               tr("The end of the calling hours")});
    row(form, tr("Weekdays"), days, u"calling_hours.days"_s);
    row(form, tr("Time zone"), m_zone, u"calling_hours.time_zone"_s);
    row(form, tr("Attempts per recipient"), m_attempts, u"max_attempts"_s);
    row(form, tr("Wait between attempts"), m_retryDelay, u"retry_delay_seconds"_s);
    row(form, tr("Retry when"), retry, u"retry_on"_s);
    row(form, tr("Start"), start, u"start_at"_s);
    m_messages[u"calling_hours.start"_s].label = tr("The start of the calling hours");

    m_error->setWordWrap(true);
    Theme::setTextRole(m_error, Theme::Role::Error);
    m_error->setVisible(false);
    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Cancel, this);
    buttons->addButton(m_save, QDialogButtonBox::AcceptRole);
    m_save->setDefault(true);
    m_save->setShortcut(QKeySequence::Save);
    m_save->setToolTip(
        tr("Save the campaign (%1)")
            .arg(QKeySequence(QKeySequence::Save).toString(QKeySequence::NativeText)));
    auto *layout = new QVBoxLayout(this);
    layout->addLayout(form);
    layout->addWidget(m_error);
    layout->addWidget(buttons);

    const auto touching = [this](const QString &field) { return [this, field] { touch(field); }; };
    connect(m_name, &QLineEdit::textEdited, this, touching(u"name"_s));
    connect(m_agent, &QComboBox::currentIndexChanged, this, touching(u"agent_id"_s));
    connect(m_concurrent, &QSpinBox::valueChanged, this, touching(u"max_concurrent_calls"_s));
    connect(m_perMinute, &QSpinBox::valueChanged, this, touching(u"calls_per_minute"_s));
    connect(m_hoursStart, &QLineEdit::textEdited, this, touching(u"calling_hours.start"_s));
    connect(m_hoursEnd, &QLineEdit::textEdited, this, touching(u"calling_hours.end"_s));
    for (QCheckBox *box : std::as_const(m_days))
        connect(box, &QCheckBox::toggled, this, touching(u"calling_hours.days"_s));
    connect(m_zone, &QComboBox::currentTextChanged, this, touching(u"calling_hours.time_zone"_s));
    connect(m_attempts, &QSpinBox::valueChanged, this, touching(u"max_attempts"_s));
    connect(m_retryDelay, &QSpinBox::valueChanged, this, touching(u"retry_delay_seconds"_s));
    for (QCheckBox *box : std::as_const(m_retryOn))
        connect(box, &QCheckBox::toggled, this, touching(u"retry_on"_s));
    connect(m_startLater, &QCheckBox::toggled, m_startAt, &QWidget::setEnabled);
    connect(m_startLater, &QCheckBox::toggled, this, touching(u"start_at"_s));
    connect(m_startAt, &QDateTimeEdit::dateTimeChanged, this, touching(u"start_at"_s));
    connect(m_save, &QPushButton::clicked, this, &CampaignForm::save);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    m_baseline = toJson();
    m_save->setEnabled(false); // nothing to save in a form as it opened
}

QWidget *CampaignForm::row(QFormLayout *form, const QString &label, QWidget *editor,
                           const QString &field)
{
    auto *box = new QWidget(this);
    auto *layout = new QVBoxLayout(box);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->setSpacing(1);
    layout->addWidget(editor);
    auto *message = new FieldMessage(box);
    layout->addWidget(message);
    editor->setAccessibleName(label);
    form->addRow(label, box);
    m_messages.insert(field, {message, label});
    return box;
}

void CampaignForm::edit(const Campaign &campaign)
{
    m_editing = campaign;
    setWindowTitle(tr("Campaign %1").arg(campaign.name));
    m_name->setText(campaign.name);
    for (int row = 0; row < m_agent->count(); ++row) {
        if (m_agent->itemData(row, ModelRoles::IdRole).toString() == campaign.agentId)
            m_agent->setCurrentIndex(row);
    }
    const CampaignRules &rules = campaign.rules;
    m_concurrent->setValue(rules.maxConcurrentCalls);
    m_perMinute->setValue(rules.callsPerMinute);
    m_hoursStart->setText(clock(rules.hours.startMinute));
    m_hoursEnd->setText(clock(rules.hours.endMinute));
    for (int day = 0; day < 7; ++day)
        m_days.at(day)->setChecked(rules.hours.days & (1 << day));
    const int zone = m_zone->findData(rules.hours.timeZone);
    if (zone >= 0)
        m_zone->setCurrentIndex(zone);
    else
        m_zone->setEditText(rules.hours.timeZone);
    m_attempts->setValue(rules.maxAttempts);
    m_retryDelay->setValue(rules.retryDelaySeconds);
    for (auto it = m_retryOn.begin(); it != m_retryOn.end(); ++it)
        it.value()->setChecked(rules.retryOn.contains(it.key()));
    m_startLater->setChecked(campaign.startAt > 0);
    if (campaign.startAt > 0)
        m_startAt->setDateTime(QDateTime::fromMSecsSinceEpoch(campaign.startAt));
    m_touched.clear();
    m_showAll = false;
    m_baseline = toJson();
    m_save->setEnabled(false);
    showProblems(problems());
}

QJsonObject CampaignForm::toJson() const
{
    QJsonArray days;
    for (int day = 0; day < 7; ++day) {
        if (m_days.at(day)->isChecked())
            days.append(dayKeys.at(day));
    }
    // The first entry stands for "recipient"; anything typed is taken as a zone's name.
    const QString zone = m_zone->currentText() == m_zone->itemText(0)
                             ? CallingHours::RecipientZone
                             : m_zone->currentText().trimmed();
    QJsonArray retryOn;
    for (const QString &outcome : CampaignRules::retryableOutcomes()) {
        if (m_retryOn.value(outcome)->isChecked())
            retryOn.append(outcome);
    }
    const bool agentChosen = m_agent->currentIndex() >= 0;
    return {
        {u"name"_s, m_name->text()},
        {u"agent_id"_s,
         agentChosen ? m_agent->currentData(ModelRoles::IdRole).toString() : QString()},
        {u"max_concurrent_calls"_s, m_concurrent->value()},
        {u"calls_per_minute"_s, m_perMinute->value()},
        {u"calling_hours"_s, QJsonObject{{u"start"_s, m_hoursStart->text().trimmed()},
                                         {u"end"_s, m_hoursEnd->text().trimmed()},
                                         {u"days"_s, days},
                                         {u"time_zone"_s, zone}}},
        {u"max_attempts"_s, m_attempts->value()},
        {u"retry_delay_seconds"_s, m_retryDelay->value()},
        {u"retry_on"_s, retryOn},
        {u"start_at"_s, m_startLater->isChecked()
                            ? QJsonValue(Timestamps::iso(m_startAt->dateTime().toMSecsSinceEpoch()))
                            : QJsonValue()}};
}

QJsonObject CampaignForm::problems() const
{
    Campaign scratch;
    FieldErrors errors;
    readCampaignJson(toJson(), scratch, true, errors);
    return errors.toJson();
}

void CampaignForm::touch(const QString &field)
{
    m_touched.insert(field);
    m_error->setVisible(false);
    m_save->setEnabled(toJson() != m_baseline);
    showProblems(problems());
}

void CampaignForm::showProblems(const QJsonObject &problems)
{
    // Two fields can share a line (the calling hours' start and end): the first problem wins.
    QHash<FieldMessage *, QString> shown;
    for (auto it = m_messages.constBegin(); it != m_messages.constEnd(); ++it) {
        const QString problem = problems.value(it.key()).toString();
        if (problem.isEmpty() || (!m_showAll && !m_touched.contains(it.key())))
            continue;
        if (!shown.contains(it->line))
            shown.insert(it->line, it->label + u' ' + problem);
    }
    for (auto it = m_messages.constBegin(); it != m_messages.constEnd(); ++it)
        it->line->setProblem(shown.value(it->line));
}

QString CampaignForm::shownProblem(const QString &field) const
{
    const auto it = m_messages.constFind(field);
    return it == m_messages.constEnd() ? QString() : it->line->text();
}

void CampaignForm::save()
{
    m_showAll = true;
    const QJsonObject found = problems();
    showProblems(found);
    if (!found.isEmpty()) {
        m_error->setText(tr("%n field(s) need attention before the campaign can be saved.", nullptr,
                            int(found.size())));
        m_error->setVisible(true);
        return;
    }
    m_save->setEnabled(false);
    const auto done = [this](const std::variant<Campaign, AppError> &result) {
        m_save->setEnabled(toJson() != m_baseline);
        if (const AppError *error = std::get_if<AppError>(&result)) {
            // The service's own checks (the agent exists, the status allows a change).
            showProblems(error->details());
            m_error->setText(error->message());
            m_error->setVisible(true);
            return;
        }
        Q_EMIT saved(std::get<Campaign>(result));
        accept();
    };
    if (m_editing)
        m_core.updateCampaign(m_editing->id, toJson(), m_editing->version, replyTo(this, done));
    else
        m_core.createCampaign(toJson(), replyTo(this, done));
}
