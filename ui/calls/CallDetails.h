// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "Call.h"

#include <QWidget>

class CoreBridge;
class QLabel;
class QPushButton;
class QTextBrowser;

// One call: who, when, how it went (a timeline from placing to the end, with any error in plain
// words), and the conversation, the agent's and the person's turns told apart.
class CallDetails : public QWidget
{
    Q_OBJECT
public:
    CallDetails(CoreBridge &core, QWidget *parent = nullptr);
    void show(const std::optional<CallRecord> &call);
    void callChanged(const CallRecord &call);
    QString shownCallId() const { return m_call ? m_call->id : QString(); }
    QString transcriptText() const;

Q_SIGNALS:
    void callAgainRequested(const CallRecord &call);

private:
    void render();

    CoreBridge &m_core;
    std::optional<CallRecord> m_call;
    QLabel *m_header;
    QLabel *m_timeline;
    QTextBrowser *m_transcript;
    QPushButton *m_again;
    QPushButton *m_hangUp;
};
