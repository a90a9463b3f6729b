// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "Call.h"

#include <QDialog>
#include <QElapsedTimer>
#include <QTimer>

class CoreBridge;
class FieldMessage;
class QAbstractItemModel;
class QComboBox;
class QDialogButtonBox;
class QLabel;
class QLineEdit;
class QPushButton;
class QStackedWidget;
class VariablesTable;

// Click-to-call: pick an agent, type or paste a number (normalised to E.164), fill the template
// context, Call; then watch the call ring, connect and end, with Hang up at hand.
class DialDialog : public QDialog
{
    Q_OBJECT
public:
    DialDialog(CoreBridge &core, QAbstractItemModel *agents, const QString &defaultRegion,
               QWidget *parent = nullptr);
    ~DialDialog() override;

    void setAgent(const QString &agentId);
    void setNumber(const QString &number); // normalised at once
    void setContext(const QJsonObject &context);

    QString number() const; // E.164, or empty while the number is not valid
    QLineEdit *numberEdit() const { return m_number; }
    QPushButton *callButton() const { return m_call; }
    QString currentCallId() const { return m_callId; }
    QString statusText() const;
    QString durationText() const;
    // The sentence under the template context naming the placeholders left empty ("" if none).
    QString emptyPlaceholdersText() const;
    QPushButton *showInLogButton() const { return m_showInLog; }
    QPushButton *callAgainButton() const { return m_callAgain; }
    // Back to the form (same agent, number and context) unless a call is still going on.
    void startOver();

Q_SIGNALS:
    void callStarted(const QString &callId);
    void showInLogRequested(const QString &callId);

protected:
    void showEvent(QShowEvent *event) override;

private:
    void agentChosen();
    void numberEdited(const QString &text);
    void validate();
    void startCall();
    void hangUp();
    void showCall(const CallRecord &call);
    void tick();

    CoreBridge &m_core;
    QString m_region;
    QStackedWidget *m_pages;
    QComboBox *m_agent;
    FieldMessage *m_agentMessage;
    QLineEdit *m_number;
    QLabel *m_numberHint;
    FieldMessage *m_numberMessage;
    VariablesTable *m_context;
    FieldMessage *m_contextMessage;
    QLabel *m_emptyPlaceholders;
    QComboBox *m_machines; // answering-machine detection for this call
    QPushButton *m_call;
    QString m_previousText;

    // The live view
    QLabel *m_callTitle;
    QLabel *m_status;
    QLabel *m_duration;
    QLabel *m_error;
    QPushButton *m_hangUp;
    QPushButton *m_showInLog;
    QPushButton *m_callAgain;
    bool m_finished = true; // no call, or the last one ended: the form can be shown again
    QDialogButtonBox *m_closeBox;
    QString m_callId;
    qint64 m_answeredAt = 0;
    QTimer m_clock;
};
