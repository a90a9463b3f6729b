// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "Call.h"

#include <QWidget>

class CoreBridge;
class RecordingPlayer;
class QLabel;
class QPushButton;
class QTextBrowser;

// One call: who, when, how it went (a timeline from placing to the end, with any error in plain
// words), what happened (who answered, why it ended, the cost, Ultravox's summary), the
// conversation with the agent's and the person's turns told apart (growing while the call
// lasts), and the recording with a player that highlights the turn being heard.
class CallDetails : public QWidget
{
    Q_OBJECT
public:
    CallDetails(CoreBridge &core, QWidget *parent = nullptr);
    void show(const std::optional<CallRecord> &call);
    void callChanged(const CallRecord &call);
    QString shownCallId() const { return m_call ? m_call->id : QString(); }
    QString transcriptText() const;
    QString outcomeText() const;
    QString headerText() const; // the number, agent, status and how the call went, as plain text
    RecordingPlayer *player() const { return m_player; }

Q_SIGNALS:
    void callAgainRequested(const CallRecord &call);

private:
    void render();
    void renderTranscript();
    void renderRecording();

    CoreBridge &m_core;
    std::optional<CallRecord> m_call;
    QLabel *m_header;
    QLabel *m_timeline;
    QLabel *m_outcome;
    QLabel *m_transcriptTitle;
    QTextBrowser *m_transcript;
    RecordingPlayer *m_player;
    QList<TranscriptMessage> m_messages;
    int m_highlighted = -1;
    QString m_playerCallId; // whose recording the player holds
    QPushButton *m_again;
    QPushButton *m_hangUp;
};
