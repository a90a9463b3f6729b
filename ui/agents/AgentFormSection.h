// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "Agent.h"

#include <QHash>
#include <QJsonObject>
#include <QWidget>

class FieldMessage;
class QFormLayout;

// One part of the agent form (Basics, Conversation, ...): it shows the fields it owns, writes
// them into a config, and shows the rule messages of those fields under them. The messages come
// from AgentConfig::validate(), the very rules the REST API applies, so both say the same thing.
class AgentFormSection : public QWidget
{
    Q_OBJECT
public:
    explicit AgentFormSection(QWidget *parent = nullptr);

    virtual void load(const AgentConfig &config) = 0;
    virtual void store(AgentConfig &config) const = 0;
    // Shows the problems (REST field name -> message) of its fields, or none when `show` is
    // false. Returns how many of its fields have one.
    virtual int showProblems(const QJsonObject &problems, bool show);
    // The message under `field` (REST name), or empty.
    QString problemOf(const QString &field) const;

Q_SIGNALS:
    void changed();

protected:
    // Adds `editor` under `label` with a one-line hint and the message line for `field`; a field
    // ending in '*' takes every problem whose name starts with what comes before it, and
    // "a|b" shows the problem of a, else of b.
    void addRow(QFormLayout *form, const QString &label, QWidget *editor, const QString &field,
                const QString &hint);
    QFormLayout *newForm();

private:
    struct Message
    {
        FieldMessage *line;
        QString label;
    };
    QHash<QString, Message> m_messages;
};
