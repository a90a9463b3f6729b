// SPDX-License-Identifier: GPL-3.0-or-later
// The readers of the API's JSON bodies, as the controllers call them: the body through
// ApiRequest::jsonObject() (not JSON, not an object), then AgentConfig, CallRequest or
// CompanyInput (a create, or an update of a stored company) by the input's first byte. What a
// reader accepts must write back out as JSON.
#include "Agent.h"
#include "ApiRequest.h"
#include "AppError.h"
#include "Call.h"
#include "Company.h"
#include "FuzzSupport.h"
#include "Validation.h"

#include <QJsonDocument>

using namespace Qt::StringLiterals;

extern "C" int LLVMFuzzerInitialize(int *argc, char ***argv)
{
    Fuzz::startApplication(argc, argv);
    return 0;
}

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (size < 1)
        return 0;
    ApiRequest request;
    request.body = Fuzz::bytes(data + 1, size - 1);
    QJsonObject body;
    try {
        body = request.jsonObject();
    } catch (const AppError &notAnObject) {
        if (notAnObject.message().isEmpty())
            __builtin_trap(); // an error must say what is wrong
        return 0;
    }
    FieldErrors errors;
    try {
        switch (data[0] % 4) {
        case 0: {
            const AgentConfig config = AgentConfig::fromJson(body, errors);
            if (errors.isEmpty())
                QJsonDocument(config.toJson()).toJson();
            break;
        }
        case 1: {
            const CallRequest call = CallRequest::fromJson(body, u"agent_fuzz"_s, errors);
            if (errors.isEmpty())
                QJsonDocument(call.templateContext).toJson();
            break;
        }
        case 2: {
            const CompanyInput input = CompanyInput::fromJson(body, nullptr, errors);
            if (errors.isEmpty())
                QJsonDocument(input.company.toJson()).toJson();
            break;
        }
        case 3: {
            Company existing;
            existing.id = 7;
            existing.name = u"Stored"_s;
            existing.twilio =
                TwilioSettings{u"AC0123456789abcdef0123456789abcdef"_s, u"+14155550100"_s, true};
            existing.ultravox = UltravoxSettings{};
            existing.ultravox->hasApiKey = true;
            const CompanyInput input = CompanyInput::fromJson(body, &existing, errors);
            if (errors.isEmpty())
                QJsonDocument(input.company.toJson()).toJson();
            break;
        }
        }
        errors.throwIfAny();
    } catch (const AppError &refused) {
        if (refused.message().isEmpty())
            __builtin_trap();
    }
    return 0;
}
