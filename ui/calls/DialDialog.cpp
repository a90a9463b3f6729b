// SPDX-License-Identifier: GPL-3.0-or-later
#include "DialDialog.h"

#include "AgentRepository.h"
#include "AgentStatusDelegate.h"
#include "CallOutcome.h"
#include "CallWords.h"
#include "CoreBridge.h"
#include "FieldMessage.h"
#include "Icons.h"
#include "ModelRoles.h"
#include "PhoneNumbers.h"
#include "Theme.h"
#include "Timestamps.h"
#include "Validation.h"
#include "VariablesTable.h"

#include <QComboBox>
#include <QCompleter>
#include <QDialogButtonBox>
#include <QFormLayout>
#include <QJsonArray>
#include <QJsonDocument>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QSortFilterProxyModel>
#include <QStackedWidget>
#include <QVBoxLayout>

#include <algorithm>

using namespace Qt::StringLiterals;

namespace {
// Only agents that can take calls are offered.
class ActiveAgents : public QSortFilterProxyModel
{
public:
    using QSortFilterProxyModel::QSortFilterProxyModel;

protected:
    bool filterAcceptsRow(int row, const QModelIndex &parent) const override
    {
        return sourceModel()->index(row, 0, parent).data(ModelRoles::StatusRole).toString() ==
               u"active"_s;
    }
};

// "a", "a and b", "a, b and c"
QString listed(const QStringList &names)
{
    if (names.size() < 2)
        return names.value(0);
    return QObject::tr("%1 and %2")
        .arg(names.mid(0, names.size() - 1).join(u", "_s), names.constLast());
}
} // namespace

DialDialog::DialDialog(CoreBridge &core, QAbstractItemModel *agents, const QString &defaultRegion,
                       QWidget *parent)
    : QDialog(parent)
    , m_core(core)
    , m_region(defaultRegion)
    , m_pages(new QStackedWidget(this))
    , m_agent(new QComboBox(this))
    , m_agentMessage(new FieldMessage(this))
    , m_number(new QLineEdit(this))
    , m_numberHint(new QLabel(this))
    , m_numberMessage(new FieldMessage(this))
    , m_context(new VariablesTable(this))
    , m_contextMessage(new FieldMessage(this))
    , m_emptyPlaceholders(new QLabel(this))
    , m_machines(new QComboBox(this))
    , m_call(new QPushButton(Icons::get(u"call"_s), tr("&Call"), this))
    , m_callTitle(new QLabel(this))
    , m_status(new QLabel(this))
    , m_duration(new QLabel(this))
    , m_error(new QLabel(this))
    , m_hangUp(new QPushButton(Icons::get(u"hang-up"_s), tr("&Hang up"), this))
    , m_showInLog(new QPushButton(tr("Show in the call &log"), this))
    , m_callAgain(new QPushButton(Icons::get(u"call"_s), tr("Call &again"), this))
    , m_closeBox(new QDialogButtonBox(QDialogButtonBox::Close, this))
{
    setWindowTitle(tr("Call"));
    setMinimumWidth(520);

    m_agent->setSizeAdjustPolicy(QComboBox::AdjustToMinimumContentsLengthWithIcon);
    m_agent->setMinimumContentsLength(24);
    auto *active = new ActiveAgents(this); // in the model's name order
    active->setSourceModel(agents);
    m_agent->setModel(active);
    m_agent->setEditable(true);
    m_agent->setInsertPolicy(QComboBox::NoInsert);
    m_agent->completer()->setFilterMode(Qt::MatchContains);
    m_agent->completer()->setCompletionMode(QCompleter::PopupCompletion);
    m_agent->setAccessibleName(tr("Agent"));
    m_number->setPlaceholderText(tr("+1 415 555 0123, or paste any format"));
    m_number->setAccessibleName(tr("Phone number"));
    Theme::setTextRole(m_numberHint, Theme::Role::Hint);
    m_context->setToolTip(tr("Values for the agent's {{placeholders}} on this call"));

    auto *setup = new QWidget(this);
    auto *form = new QFormLayout(setup);
    auto *numberBox = new QWidget(setup);
    auto *numberLayout = new QVBoxLayout(numberBox);
    numberLayout->setContentsMargins(0, 0, 0, 0);
    numberLayout->setSpacing(2);
    numberLayout->addWidget(m_number);
    numberLayout->addWidget(m_numberHint);
    numberLayout->addWidget(m_numberMessage);
    form->addRow(tr("&Agent"), m_agent);
    form->addRow({}, m_agentMessage);
    form->addRow(tr("&Number"), numberBox);
    form->addRow(tr("Template\ncontext"), m_context);
    form->addRow({}, m_contextMessage);
    m_emptyPlaceholders->setObjectName(u"emptyPlaceholders"_s);
    m_emptyPlaceholders->setWordWrap(true);
    form->addRow({}, m_emptyPlaceholders);
    m_machines->setObjectName(u"machineDetection"_s);
    m_machines->addItem(tr("Not detected"), QString());
    m_machines->addItem(tr("Detect, and hang up on them"), CallOutcome::OnMachineHangUp);
    m_machines->addItem(tr("Detect, and leave the agent's message"),
                        CallOutcome::OnMachineVoicemail);
    m_machines->setToolTip(tr("Ask Twilio to tell people from answering machines (the agent "
                              "starts once Twilio knows)"));
    form->addRow(tr("Answering\n&machines"), m_machines);
    auto *setupButtons = new QDialogButtonBox(setup);
    setupButtons->addButton(m_call, QDialogButtonBox::AcceptRole);
    setupButtons->addButton(QDialogButtonBox::Cancel);
    form->addRow(setupButtons);
    m_call->setDefault(true);

    auto *live = new QWidget(this);
    auto *liveLayout = new QVBoxLayout(live);
    QFont big = m_status->font();
    big.setPointSizeF(big.pointSizeF() * 1.5);
    m_status->setFont(big);
    m_duration->setFont(big);
    m_error->setWordWrap(true);
    m_error->setTextInteractionFlags(Qt::TextSelectableByMouse);
    Theme::setTextRole(m_error, Theme::Role::Error);
    liveLayout->addWidget(m_callTitle);
    liveLayout->addWidget(m_status);
    liveLayout->addWidget(m_duration);
    liveLayout->addWidget(m_error);
    liveLayout->addStretch();
    auto *liveButtons = new QHBoxLayout;
    liveButtons->addWidget(m_hangUp);
    liveButtons->addWidget(m_showInLog);
    liveButtons->addWidget(m_callAgain);
    m_showInLog->setObjectName(u"dialShowInLog"_s);
    m_showInLog->setToolTip(tr("The call in the call log: its timeline, transcript and recording"));
    m_callAgain->setObjectName(u"dialCallAgain"_s);
    m_callAgain->setToolTip(tr("The same agent, number and context, ready to call"));
    liveButtons->addStretch();
    liveButtons->addWidget(m_closeBox);
    liveLayout->addLayout(liveButtons);

    m_pages->addWidget(setup);
    m_pages->addWidget(live);
    auto *layout = new QVBoxLayout(this);
    layout->addWidget(m_pages);

    connect(m_agent, &QComboBox::currentIndexChanged, this, &DialDialog::agentChosen);
    connect(m_number, &QLineEdit::textEdited, this, &DialDialog::numberEdited);
    connect(m_number, &QLineEdit::textChanged, this, &DialDialog::validate);
    connect(m_number, &QLineEdit::editingFinished, this, [this] { setNumber(m_number->text()); });
    connect(m_context, &VariablesTable::changed, this, &DialDialog::validate);
    connect(setupButtons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    connect(m_call, &QPushButton::clicked, this, &DialDialog::startCall);
    connect(m_hangUp, &QPushButton::clicked, this, &DialDialog::hangUp);
    connect(m_showInLog, &QPushButton::clicked, this,
            [this] { Q_EMIT showInLogRequested(m_callId); });
    connect(m_callAgain, &QPushButton::clicked, this, &DialDialog::startOver);
    connect(m_closeBox, &QDialogButtonBox::rejected, this, &QDialog::accept);
    connect(&m_core, &CoreBridge::callChanged, this, [this](const CallRecord &call) {
        if (call.id == m_callId)
            showCall(call);
    });
    m_clock.setInterval(1000);
    connect(&m_clock, &QTimer::timeout, this, &DialDialog::tick);
    if (m_agent->currentIndex() < 0 && m_agent->count() > 0)
        m_agent->setCurrentIndex(0);
    agentChosen();
    validate();
}

DialDialog::~DialDialog()
{
    // The number field loses the focus as the dialog goes: its editingFinished must not reach
    // this half-destroyed dialog.
    m_number->disconnect(this);
}

void DialDialog::setAgent(const QString &agentId)
{
    for (int row = 0; row < m_agent->count(); ++row) {
        if (m_agent->itemData(row, ModelRoles::IdRole).toString() == agentId) {
            m_agent->setCurrentIndex(row);
            return;
        }
    }
}

void DialDialog::setNumber(const QString &number)
{
    const PhoneNumbers::Normalized normalized = PhoneNumbers::normalize(number, m_region);
    m_number->setText(normalized.e164.isEmpty() ? number.trimmed() : normalized.e164);
    m_previousText = m_number->text();
    validate();
}

void DialDialog::setContext(const QJsonObject &context)
{
    QList<QPair<QString, QString>> pairs = m_context->pairs();
    for (auto it = context.constBegin(); it != context.constEnd(); ++it) {
        const QString value =
            it.value().isString()
                ? it.value().toString()
                : QString::fromUtf8(
                      QJsonDocument(QJsonArray{it.value()}).toJson(QJsonDocument::Compact))
                      .mid(1)
                      .chopped(1);
        bool replaced = false;
        for (auto &pair : pairs) {
            if (pair.first == it.key()) {
                pair.second = value;
                replaced = true;
            }
        }
        if (!replaced)
            pairs.append({it.key(), value});
    }
    m_context->setPairs(pairs);
    validate();
}

QString DialDialog::number() const
{
    return PhoneNumbers::normalize(m_number->text(), m_region).e164;
}

void DialDialog::agentChosen()
{
    const QString id = m_agent->currentData(ModelRoles::IdRole).toString();
    QList<QPair<QString, QString>> pairs;
    if (!id.isEmpty()) {
        try {
            if (const std::optional<Agent> agent = AgentRepository(m_core.store()).find(id)) {
                // The agent's variables are defaults; its prompt's other placeholders want values.
                pairs = agent->config.templateVariables;
                for (const QString &name : promptPlaceholders(agent->config.prompt)) {
                    const bool known =
                        std::any_of(pairs.cbegin(), pairs.cend(),
                                    [&](const auto &pair) { return pair.first == name; });
                    if (!known)
                        pairs.append({name, QString()});
                }
                // The agent's way with answering machines, which the operator may change.
                const CallSettings &call = agent->config.call;
                const int machines =
                    m_machines->findData(call.machineDetection ? call.onMachine : QString());
                m_machines->setCurrentIndex(std::max(machines, 0));
            }
        } catch (const AppError &) {
        }
    }
    m_context->setPairs(pairs);
    validate();
}

void DialDialog::numberEdited(const QString &text)
{
    // A paste puts a whole number in at once: tidy it up right away, as the person expects.
    const bool pasted = text.size() - m_previousText.size() >= 4;
    m_previousText = text;
    if (pasted) {
        const PhoneNumbers::Normalized normalized = PhoneNumbers::normalize(text, m_region);
        if (!normalized.e164.isEmpty())
            m_number->setText(normalized.e164);
        m_previousText = m_number->text();
    }
}

void DialDialog::validate()
{
    const bool haveAgent = !m_agent->currentData(ModelRoles::IdRole).toString().isEmpty() &&
                           m_agent->currentText() == m_agent->itemText(m_agent->currentIndex());
    m_agentMessage->setProblem(
        haveAgent ? QString()
                  : (m_agent->count() == 0 ? tr("No agent can take calls yet: create one first")
                                           : tr("Choose an agent")));
    const PhoneNumbers::Normalized normalized = PhoneNumbers::normalize(m_number->text(), m_region);
    const bool typing = m_number->text().trimmed().isEmpty();
    m_numberMessage->setProblem(typing ? QString() : normalized.problem);
    m_numberHint->setText(normalized.e164.isEmpty() || normalized.e164 == m_number->text()
                              ? tr("Numbers without a country code are taken as %1").arg(m_region)
                              : tr("Will call %1").arg(normalized.e164));

    FieldErrors errors;
    QJsonObject context;
    for (const auto &[key, value] : m_context->pairs())
        context.insert(key, value);
    validateTemplateContext(context, errors);
    const QJsonObject problems = errors.toJson();
    m_contextMessage->setProblem(problems.isEmpty()
                                     ? QString()
                                     : problems.begin().key().section(u'.', 1) + u' ' +
                                           problems.begin().value().toString());
    // Empty values are allowed (the operator may mean it), but said: the agent would read a
    // blank where the name or the order number should be.
    QStringList empty;
    for (const auto &[key, value] : m_context->pairs()) {
        if (!key.trimmed().isEmpty() && value.trimmed().isEmpty())
            empty << u"{{%1}}"_s.arg(key.trimmed());
    }
    m_emptyPlaceholders->setText(
        empty.isEmpty()     ? QString()
        : empty.size() == 1 ? tr("%1 is empty: the agent will read a blank where it stands in "
                                 "the prompt. You can call anyway.")
                                  .arg(empty.constFirst())
                            : tr("%1 are empty: the agent will read blanks where they stand in "
                                 "the prompt. You can call anyway.")
                                  .arg(listed(empty)));
    m_emptyPlaceholders->setVisible(!empty.isEmpty());
    m_call->setEnabled(haveAgent && !normalized.e164.isEmpty() && problems.isEmpty());
}

void DialDialog::startCall()
{
    CallRequest request;
    request.agentId = m_agent->currentData(ModelRoles::IdRole).toString();
    request.phoneNumber = number();
    for (const auto &[key, value] : m_context->pairs())
        request.templateContext.insert(key, value);
    // Always said, so the operator's choice here wins over the agent's.
    request.onMachine = m_machines->currentData().toString();
    request.machineDetection = !request.onMachine.isEmpty();
    m_callTitle->setText(tr("<b>%1</b> calling <b>%2</b>")
                             .arg(m_agent->currentText().toHtmlEscaped(), request.phoneNumber));
    CallRecord placing;
    m_status->setText(CallWords::outcome(placing));
    m_status->setStyleSheet({});
    m_duration->clear();
    m_error->clear();
    m_hangUp->setEnabled(false);
    m_hangUp->show();
    m_showInLog->hide();
    m_callAgain->hide();
    m_callId.clear();
    m_finished = false;
    m_pages->setCurrentIndex(1);
    m_core.placeCall(request, replyTo(this, [this](const CallResult &result) {
                         if (!result.call.id.isEmpty()) {
                             m_callId = result.call.id;
                             Q_EMIT callStarted(m_callId);
                             showCall(result.call);
                         }
                         if (result.error) {
                             m_status->setText(tr("The call was not placed"));
                             m_error->setText(result.error->message());
                             m_hangUp->setEnabled(false);
                             m_finished = true;
                             m_showInLog->setVisible(!m_callId.isEmpty());
                             m_callAgain->show();
                         }
                     }));
}

void DialDialog::hangUp()
{
    m_hangUp->setEnabled(false);
    m_core.hangUp(m_callId, replyTo(this, [this](const CallResult &result) {
                      if (result.error) {
                          m_error->setText(result.error->message());
                          m_hangUp->setEnabled(true);
                      }
                  }));
}

void DialDialog::showCall(const CallRecord &call)
{
    m_status->setText(CallWords::outcome(call));
    m_status->setStyleSheet(
        u"color: %1;"_s.arg(StatusPillDelegate::colorFor(toString(call.status)).name()));
    m_hangUp->setEnabled(!isFinal(call.status) && !call.callSid.isEmpty());
    m_answeredAt = call.answeredAt;
    if (!call.error.isEmpty())
        m_error->setText(call.error.value(u"message"_s).toString());
    if (isFinal(call.status)) {
        m_clock.stop();
        m_finished = true;
        m_duration->setText(call.answeredAt > 0 && call.durationSeconds >= 0
                                ? tr("Lasted %1").arg(CallWords::duration(call.durationSeconds))
                                : tr("Never answered"));
        m_hangUp->hide();
        m_showInLog->show();
        m_callAgain->show();
        m_showInLog->setDefault(true);
        m_showInLog->setFocus();
    } else if (m_answeredAt > 0 && !m_clock.isActive()) {
        m_clock.start();
        tick();
    }
}

void DialDialog::tick()
{
    const qint64 seconds = std::max<qint64>(0, (Timestamps::nowMs() - m_answeredAt) / 1000);
    m_duration->setText(tr("%1:%2").arg(seconds / 60).arg(seconds % 60, 2, 10, QChar(u'0')));
}

QString DialDialog::statusText() const
{
    return m_status->text();
}

QString DialDialog::durationText() const
{
    return m_duration->text();
}

QString DialDialog::emptyPlaceholdersText() const
{
    return m_emptyPlaceholders->isVisibleTo(this) ? m_emptyPlaceholders->text() : QString();
}

void DialDialog::startOver()
{
    if (!m_finished || m_pages->currentIndex() == 0)
        return;
    m_clock.stop();
    m_callId.clear();
    m_pages->setCurrentIndex(0);
    m_call->setDefault(true);
    validate();
    m_number->setFocus();
}

void DialDialog::showEvent(QShowEvent *event)
{
    QDialog::showEvent(event);
    // The number is what changes from call to call; the agent is usually chosen already.
    if (m_pages->currentIndex() == 0)
        m_number->setFocus();
}
