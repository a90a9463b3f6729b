// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "Agent.h"

#include <QCoreApplication>
#include <QHash>
#include <QList>
#include <QPair>
#include <QString>

// An agent's settings as the form names them, each with its value in words ("Maximum duration",
// "1 hour"; "Hang up tool", "On, even if the callee speaks again"), in the form's order: what the
// history dialog compares, so that two revisions read like the form and not like the API's JSON.
class AgentSettingsText
{
    Q_DECLARE_TR_FUNCTIONS(AgentSettingsText)
public:
    // `voiceNames`: voice id -> name as the voice list shows it; an unknown id is shown as it is.
    static QList<QPair<QString, QString>> rows(const AgentConfig &config,
                                               const QHash<QString, QString> &voiceNames = {});
};
