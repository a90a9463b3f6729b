// SPDX-License-Identifier: GPL-3.0-or-later
#include "CallDetails.h"

#include "AgentStatusDelegate.h"
#include "CallOutcome.h"
#include "CallRepository.h"
#include "CallWords.h"
#include "CoreBridge.h"
#include "Icons.h"
#include "RecordingPlayer.h"
#include "Theme.h"

#include <QDateTime>
#include <QHBoxLayout>
#include <QLabel>
#include <QPushButton>
#include <QScrollBar>
#include <QTextBrowser>
#include <QTextDocument>
#include <QVBoxLayout>

using namespace Qt::StringLiterals;

namespace {
// In the theme's error colour, so it reads on light and dark alike.
QString errorParagraphStart()
{
    return u"<p style='color:%1'>"_s.arg(Theme::color(Theme::Role::Error).name());
}

QString timeOf(qint64 ms)
{
    return QDateTime::fromMSecsSinceEpoch(ms).toString(u"yyyy-MM-dd HH:mm:ss"_s);
}

QString escaped(const QString &text)
{
    return text.toHtmlEscaped().replace(u'\n', u"<br>"_s);
}

// Who answered, why it ended, what it cost and Ultravox's summary: each only once known.
QString outcomeHtml(const CallRecord &call)
{
    QStringList facts;
    if (!call.answeredBy.isEmpty())
        facts << QObject::tr("Answered by <b>%1</b>").arg(escaped(call.answeredBy));
    else if (call.machineDetection && !isFinal(call.status))
        facts << QObject::tr("Answering-machine detection on");
    const QString reason = CallOutcome::endReasonText(CallOutcome::endReasonCode(call));
    if (!reason.isEmpty())
        facts << QObject::tr("Ended: %1").arg(escaped(reason));
    if (isFinal(call.status)) {
        QString cost = QObject::tr("Cost: <b>%1</b>").arg(escaped(CallOutcome::costText(call)));
        if (call.billedSeconds >= 0)
            cost += QObject::tr(" · Ultravox billed %1 s").arg(call.billedSeconds, 0, 'f', 1);
        facts << cost;
    }
    QString html = facts.isEmpty()
                       ? QString()
                       : u"<p style='margin:2px 0'>"_s + facts.join(u" · "_s) + u"</p>"_s;
    if (!call.shortSummary.isEmpty() || !call.summary.isEmpty()) {
        html += u"<p style='margin:4px 0'><b>"_s + QObject::tr("Summary") + u":</b> "_s +
                escaped(call.shortSummary.isEmpty() ? call.summary : call.shortSummary) + u"</p>"_s;
        if (!call.summary.isEmpty() && !call.shortSummary.isEmpty())
            html += u"<p style='margin:2px 0; color:%1'>"_s.arg(
                        Theme::color(Theme::Role::Hint).name()) +
                    escaped(call.summary) + u"</p>"_s;
    }
    return html;
}
} // namespace

CallDetails::CallDetails(CoreBridge &core, QWidget *parent)
    : QWidget(parent)
    , m_core(core)
    , m_header(new QLabel(this))
    , m_timeline(new QLabel(this))
    , m_outcome(new QLabel(this))
    , m_transcriptTitle(new QLabel(tr("<b>Transcript</b>"), this))
    , m_transcript(new QTextBrowser(this))
    , m_player(new RecordingPlayer(this))
    , m_again(new QPushButton(Icons::get(u"call"_s), tr("Call &again…"), this))
    , m_hangUp(new QPushButton(Icons::get(u"hang-up"_s), tr("&Hang up"), this))
{
    m_header->setTextFormat(Qt::RichText);
    m_header->setWordWrap(true);
    m_timeline->setTextFormat(Qt::RichText);
    m_timeline->setWordWrap(true);
    m_timeline->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_outcome->setObjectName(u"callOutcome"_s);
    m_outcome->setTextFormat(Qt::RichText);
    m_outcome->setWordWrap(true);
    m_outcome->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_transcript->setOpenLinks(false);
    m_transcript->setAccessibleName(tr("Transcript"));
    auto *buttons = new QHBoxLayout;
    buttons->addWidget(m_again);
    buttons->addWidget(m_hangUp);
    buttons->addStretch();
    auto *layout = new QVBoxLayout(this);
    layout->addWidget(m_header);
    layout->addWidget(m_timeline);
    layout->addWidget(m_outcome);
    layout->addWidget(m_transcriptTitle);
    layout->addWidget(m_transcript, 1);
    layout->addWidget(m_player);
    layout->addLayout(buttons);
    connect(m_again, &QPushButton::clicked, this, [this] {
        if (m_call)
            Q_EMIT callAgainRequested(*m_call);
    });
    connect(m_hangUp, &QPushButton::clicked, this, [this] {
        if (!m_call)
            return;
        m_hangUp->setEnabled(false);
        m_core.hangUp(m_call->id, replyTo(this, [this](const CallResult &result) {
                          if (result.error)
                              m_timeline->setText(m_timeline->text() + errorParagraphStart() +
                                                  escaped(result.error->message()) + u"</p>"_s);
                      }));
    });
    connect(m_player, &RecordingPlayer::activeTurnChanged, this, [this](int ordinal) {
        m_highlighted = ordinal;
        renderTranscript();
    });
    connect(m_player, &RecordingPlayer::deleteRequested, this, [this] {
        if (!m_call)
            return;
        m_core.deleteRecording(m_call->id,
                               replyTo(this, [this](const std::optional<AppError> &error) {
                                   if (error)
                                       m_player->showNoRecording(error->message());
                               }));
    });
    show(std::nullopt);
}

void CallDetails::show(const std::optional<CallRecord> &call)
{
    if (!call || !m_call || call->id != m_call->id)
        m_highlighted = -1;
    m_call = call;
    render();
}

void CallDetails::callChanged(const CallRecord &call)
{
    if (m_call && m_call->id == call.id) {
        m_call = call;
        render();
    }
}

void CallDetails::render()
{
    m_again->setEnabled(m_call && !m_call->agentId.isEmpty());
    m_hangUp->setEnabled(m_call && !isFinal(m_call->status) && !m_call->callSid.isEmpty());
    if (!m_call) {
        m_header->setText(tr("<i>Select a call to see how it went and what was said.</i>"));
        m_timeline->clear();
        m_outcome->clear();
        m_transcript->clear();
        m_messages.clear();
        m_player->hide();
        return;
    }
    const CallRecord &call = *m_call;
    const QString status = toString(call.status);
    m_header->setText(
        u"<h2 style='margin:0'>%1</h2><p style='margin:2px 0'>%2 · <span style='color:%3'><b>%4</b></span>%5</p>"_s
            .arg(escaped(CallWords::number(call.phoneNumber)),
                 escaped(call.agentName.isEmpty() ? tr("(no agent)") : call.agentName),
                 StatusPillDelegate::colorFor(status).name(), status,
                 call.sandbox ? tr(" · sandbox") : QString()) +
        u"<p style='margin:2px 0'><b>%1</b></p>"_s.arg(escaped(CallWords::outcome(call))));

    QStringList steps;
    steps << tr("Placed %1 from %2").arg(timeOf(call.createdAt), escaped(call.fromNumber));
    if (call.agentRevision > 0)
        steps << tr("Agent at revision %1 (its History shows that configuration)")
                     .arg(call.agentRevision);
    if (!call.callSid.isEmpty())
        steps << tr("Twilio call %1").arg(call.callSid);
    if (call.answeredAt > 0)
        steps << tr("Answered %1").arg(timeOf(call.answeredAt));
    if (call.endedAt > 0)
        steps << tr("Ended %1 (%2%3)")
                     .arg(timeOf(call.endedAt), status,
                          call.durationSeconds >= 0
                              ? u", "_s + CallWords::duration(call.durationSeconds)
                              : QString());
    else
        steps << tr("In progress…");
    if (!call.endReason.isEmpty())
        steps << tr("Ultravox end reason: %1").arg(escaped(call.endReason));
    QString html = u"<ul style='margin:0'>"_s;
    for (const QString &step : std::as_const(steps))
        html += u"<li>"_s + step + u"</li>"_s;
    html += u"</ul>"_s;
    if (!call.error.isEmpty())
        html += errorParagraphStart() + escaped(call.error.value(u"message"_s).toString()) +
                (call.error.contains(u"code"_s)
                     ? tr(" (code %1)").arg(call.error.value(u"code"_s).toVariant().toString())
                     : QString()) +
                u"</p>"_s;
    m_timeline->setText(html);

    m_outcome->setText(outcomeHtml(call));
    try {
        m_messages = CallRepository(m_core.store()).transcript(call.id);
    } catch (const AppError &) {
        m_messages.clear();
    }
    const bool live = call.status == CallStatus::InProgress && !call.transcriptFetched;
    m_transcriptTitle->setText(live ? tr("<b>Transcript</b> <span style='color:%1'>● live</span> "
                                         "<i>(grows while the call lasts)</i>")
                                          .arg(Theme::color(Theme::Role::Error).name())
                                    : tr("<b>Transcript</b>"));
    renderTranscript();
    renderRecording();
}

void CallDetails::renderTranscript()
{
    if (!m_call)
        return;
    const CallRecord &call = *m_call;
    if (m_messages.isEmpty()) {
        m_transcript->setHtml(call.transcriptFetched ||
                                      (isFinal(call.status) && call.answeredAt == 0)
                                  ? tr("<i>Nothing was said on this call.</i>")
                              : call.status == CallStatus::InProgress
                                  ? tr("<i>Listening… the first words appear here.</i>")
                                  : tr("<i>The transcript arrives once the call is answered.</i>"));
        return;
    }
    QString conversation;
    for (const TranscriptMessage &message : std::as_const(m_messages)) {
        const bool agent = message.role == u"agent"_s;
        const bool heard = message.ordinal == m_highlighted;
        const QString who =
            agent ? escaped(call.agentName.isEmpty() ? tr("Agent") : call.agentName)
                  : (message.role == u"user"_s ? tr("Caller") : escaped(message.role));
        const QString background =
            heard ? u"rgba(249,168,37,0.45)"_s
                  : (agent ? u"rgba(21,101,192,0.14)"_s : u"rgba(46,125,50,0.14)"_s);
        conversation +=
            u"<a name='turn%5'></a><table width='100%' cellspacing='0' cellpadding='6' "
            u"style='margin-bottom:6px'><tr><td align='%1'><div style='background:%2; "
            u"border-radius:6px'><b>%3</b><br>%4</div></td></tr></table>"_s
                .arg(agent ? u"left"_s : u"right"_s, background, who, escaped(message.text))
                .arg(message.ordinal);
    }
    const int scroll = m_transcript->verticalScrollBar()->value();
    const bool atBottom = scroll >= m_transcript->verticalScrollBar()->maximum() - 4;
    m_transcript->setHtml(conversation);
    if (m_highlighted >= 0)
        m_transcript->scrollToAnchor(u"turn%1"_s.arg(m_highlighted));
    else if (atBottom && call.status == CallStatus::InProgress)
        m_transcript->verticalScrollBar()->setValue(m_transcript->verticalScrollBar()->maximum());
    else
        m_transcript->verticalScrollBar()->setValue(scroll);
}

void CallDetails::renderRecording()
{
    const CallRecord &call = *m_call;
    if (call.recordingStatus.isEmpty()) {
        m_player->hide();
        m_playerCallId.clear();
        return;
    }
    m_player->show();
    if (call.recordingStatus != u"stored"_s) {
        m_playerCallId.clear();
        m_player->showNoRecording(call.recordingStatus == u"pending"_s
                                      ? tr("The recording is being fetched from Ultravox…")
                                  : call.recordingStatus == u"deleted"_s
                                      ? tr("The recording was deleted.")
                                      : tr("Ultravox keeps no recording of this call."));
        return;
    }
    m_player->setTurns(m_messages);
    if (m_playerCallId == call.id)
        return;
    m_playerCallId = call.id;
    m_player->showNoRecording(tr("Opening the recording…"));
    m_core.recordingFile(call.id, replyTo(this, [this, callId = call.id](
                                                    const std::variant<QString, AppError> &file) {
                             if (!m_call || m_call->id != callId)
                                 return;
                             if (const AppError *error = std::get_if<AppError>(&file))
                                 m_player->showNoRecording(error->message());
                             else
                                 m_player->setRecording(std::get<QString>(file), m_messages);
                         }));
}

QString CallDetails::headerText() const
{
    QTextDocument document;
    document.setHtml(m_header->text());
    return document.toPlainText();
}

QString CallDetails::outcomeText() const
{
    return m_outcome->text();
}

QString CallDetails::transcriptText() const
{
    return m_transcript->toPlainText();
}
