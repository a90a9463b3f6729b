// SPDX-License-Identifier: GPL-3.0-or-later
#include "SandboxScenarios.h"

using namespace Qt::StringLiterals;

namespace Sandbox {
const QList<Number> &numbers()
{
    static const QList<Number> list{
        {u"+14155550101"_s, Scenario::Busy, u"busy"_s},
        {u"+14155550102"_s, Scenario::NoAnswer, u"no-answer"_s},
        {u"+14155550103"_s, Scenario::Fails, u"failed"_s},
        {u"+14155550104"_s, Scenario::TwilioRejects,
         u"refused by Twilio when placing it (error 21217); the call record is failed"_s},
        {u"+14155550105"_s, Scenario::Machine,
         u"an answering machine answers: answered_by machine with machine detection"_s},
    };
    return list;
}

Scenario scenarioFor(const QString &phoneNumber)
{
    for (const Number &number : numbers()) {
        if (number.phoneNumber == phoneNumber)
            return number.scenario;
    }
    return Scenario::Completes;
}

Timeline timelineFor(Scenario scenario)
{
    switch (scenario) {
    case Scenario::Completes:
    case Scenario::Machine:
        return {1000, 3000, 9000};
    case Scenario::Busy:
        return {1000, -1, 2500};
    case Scenario::NoAnswer:
        return {1000, -1, 6000};
    case Scenario::Fails:
    case Scenario::TwilioRejects:
        return {-1, -1, 1500};
    }
    return {1000, 3000, 9000};
}
} // namespace Sandbox
