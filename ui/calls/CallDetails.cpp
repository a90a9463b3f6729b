// SPDX-License-Identifier: GPL-3.0-or-later
#include "CallDetails.h"

#include "AgentStatusDelegate.h"
#include "CallRepository.h"
#include "CoreBridge.h"
#include "Icons.h"

#include <QDateTime>
#include <QHBoxLayout>
#include <QLabel>
#include <QPushButton>
#include <QTextBrowser>
#include <QVBoxLayout>

using namespace Qt::StringLiterals;

namespace {
QString timeOf(qint64 ms)
{
    return QDateTime::fromMSecsSinceEpoch(ms).toString(u"yyyy-MM-dd HH:mm:ss"_s);
}

QString escaped(const QString &text)
{
    return text.toHtmlEscaped().replace(u'\n', u"<br>"_s);
}
} // namespace

CallDetails::CallDetails(CoreBridge &core, QWidget *parent)
    : QWidget(parent)
    , m_core(core)
    , m_header(new QLabel(this))
    , m_timeline(new QLabel(this))
    , m_transcript(new QTextBrowser(this))
    , m_again(new QPushButton(Icons::get(u"call"_s), tr("Call &again…"), this))
    , m_hangUp(new QPushButton(Icons::get(u"hang-up"_s), tr("&Hang up"), this))
{
    m_header->setTextFormat(Qt::RichText);
    m_header->setWordWrap(true);
    m_timeline->setTextFormat(Qt::RichText);
    m_timeline->setWordWrap(true);
    m_timeline->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_transcript->setOpenLinks(false);
    m_transcript->setAccessibleName(tr("Transcript"));
    auto *buttons = new QHBoxLayout;
    buttons->addWidget(m_again);
    buttons->addWidget(m_hangUp);
    buttons->addStretch();
    auto *layout = new QVBoxLayout(this);
    layout->addWidget(m_header);
    layout->addWidget(m_timeline);
    layout->addWidget(new QLabel(tr("<b>Transcript</b>"), this));
    layout->addWidget(m_transcript, 1);
    layout->addLayout(buttons);
    connect(m_again, &QPushButton::clicked, this, [this] {
        if (m_call)
            Q_EMIT callAgainRequested(*m_call);
    });
    connect(m_hangUp, &QPushButton::clicked, this, [this] {
        if (!m_call)
            return;
        m_hangUp->setEnabled(false);
        m_core.hangUp(m_call->id, [this](const CallResult &result) {
            if (result.error)
                m_timeline->setText(m_timeline->text() + u"<p style='color:#c62828'>"_s +
                                    escaped(result.error->message()) + u"</p>"_s);
        });
    });
    show(std::nullopt);
}

void CallDetails::show(const std::optional<CallRecord> &call)
{
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
        m_transcript->clear();
        return;
    }
    const CallRecord &call = *m_call;
    const QString status = toString(call.status);
    m_header->setText(
        u"<h2 style='margin:0'>%1</h2><p style='margin:2px 0'>%2 · <span style='color:%3'><b>%4</b></span>%5</p>"_s
            .arg(escaped(call.phoneNumber),
                 escaped(call.agentName.isEmpty() ? tr("(no agent)") : call.agentName),
                 StatusPillDelegate::colorFor(status).name(), status,
                 call.sandbox ? tr(" · sandbox") : QString()));

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
                              ? tr(", %n second(s)", nullptr, call.durationSeconds)
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
        html += u"<p style='color:#c62828'>"_s +
                escaped(call.error.value(u"message"_s).toString()) +
                (call.error.contains(u"code"_s)
                     ? tr(" (code %1)").arg(call.error.value(u"code"_s).toVariant().toString())
                     : QString()) +
                u"</p>"_s;
    m_timeline->setText(html);

    QList<TranscriptMessage> messages;
    try {
        messages = CallRepository(m_core.store()).transcript(call.id);
    } catch (const AppError &) {
    }
    if (messages.isEmpty()) {
        m_transcript->setHtml(call.transcriptFetched ||
                                      (isFinal(call.status) && call.answeredAt == 0)
                                  ? tr("<i>Nothing was said on this call.</i>")
                                  : tr("<i>The transcript arrives when the call ends.</i>"));
        return;
    }
    QString conversation;
    for (const TranscriptMessage &message : std::as_const(messages)) {
        const bool agent = message.role == u"agent"_s;
        const QString who =
            agent ? escaped(call.agentName.isEmpty() ? tr("Agent") : call.agentName)
                  : (message.role == u"user"_s ? tr("Caller") : escaped(message.role));
        conversation +=
            u"<table width='100%' cellspacing='0' cellpadding='6' style='margin-bottom:6px'><tr>"
            u"<td align='%1'><div style='background:%2; "
            u"border-radius:6px'><b>%3</b><br>%4</div></td>"
            u"</tr></table>"_s.arg(agent ? u"left"_s : u"right"_s,
                                   agent ? u"rgba(21,101,192,0.14)"_s : u"rgba(46,125,50,0.14)"_s,
                                   who, escaped(message.text));
    }
    m_transcript->setHtml(conversation);
}

QString CallDetails::transcriptText() const
{
    return m_transcript->toPlainText();
}
