// SPDX-License-Identifier: GPL-3.0-or-later
// What Ultravox and Twilio answer, read by the real clients: the input is the answer's status and
// body, served from memory to one client operation chosen by the first byte (accounts, agents,
// voices, calls, transcripts, numbers). Success bodies go through the clients' readers, error
// bodies through ProviderErrors; either way the operation must end with a value or an error that
// names the provider.
#include "CannedNetwork.h"
#include "FuzzSupport.h"
#include "NetworkAccess.h"
#include "ProviderErrors.h"
#include "TwilioClient.h"
#include "UltravoxClient.h"

#include <QObject>

using namespace Qt::StringLiterals;

namespace {
CannedNetwork *network = nullptr;
std::shared_ptr<UltravoxClient> ultravox;
std::shared_ptr<TwilioClient> twilio;

constexpr int Statuses[] = {200, 201, 204, 400, 401, 403, 404, 409, 422, 429, 500, 502, 503};

// Runs one operation to its end; the outcome must name the provider when it is an error.
template<typename T>
Callback<T> expecting(bool *done, const QString &provider)
{
    return [done, provider](const Outcome<T> &outcome) {
        *done = true;
        if (!outcome.ok() &&
            (outcome.error().provider != provider || outcome.error().summary().isEmpty()))
            __builtin_trap();
    };
}
} // namespace

extern "C" int LLVMFuzzerInitialize(int *argc, char ***argv)
{
    Fuzz::startApplication(argc, argv);
    network = new CannedNetwork;
    auto access = std::make_shared<NetworkAccess>([] { return network; });
    HttpClientOptions options;
    options.timeoutMs = 2000;
    options.reads.maxAttempts = 1; // one answer per input, no retries
    options.maxPages = 3;          // every page is the same answer: follow `next` a little
    ultravox = std::make_shared<UltravoxClient>(
        UltravoxCredentials{u"fuzz-ultravox-key-0123"_s, QUrl(u"https://api.ultravox.ai/api/"_s)},
        access, options);
    twilio = std::make_shared<TwilioClient>(
        TwilioCredentials{u"AC0123456789abcdef0123456789abcdef"_s, u"token"_s,
                          QUrl(u"https://api.twilio.com/"_s)},
        access, options);
    return 0;
}

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (size < 2 || size > 256 * 1024)
        return 0;
    CannedNetwork::Answer answer;
    answer.status = Statuses[data[1] % std::size(Statuses)];
    answer.headers = {{"Content-Type", "application/json"}, {"Retry-After", "1"}};
    answer.body = QByteArray(reinterpret_cast<const char *>(data + 2), qsizetype(size - 2));
    network->setAnswer(answer);

    // The error reader, on its own, for either provider.
    HttpReply reply;
    reply.status = answer.status;
    reply.body = answer.body;
    reply.headers = answer.headers;
    if (!reply.isSuccess()) {
        const ProviderError error = ProviderErrors::fromReply(
            data[0] & 1 ? ProviderErrors::Twilio : ProviderErrors::Ultravox, reply);
        error.toJson();
        error.toAppError(u"Fuzzing"_s);
    }

    QObject context;
    bool done = false;
    const QString u = ProviderErrors::Ultravox;
    const QString t = ProviderErrors::Twilio;
    switch (data[0] % 13) {
    case 0:
        ultravox->checkAccount(&context, expecting<UltravoxAccount>(&done, u));
        break;
    case 1:
        ultravox->createAgent({u"Fuzz"_s, {{u"systemPrompt"_s, u"Be brief."_s}}}, &context,
                              expecting<RemoteAgent>(&done, u));
        break;
    case 2:
        ultravox->updateAgent(u"agent-1"_s,
                              {u"Fuzz"_s,
                               {{u"systemPrompt"_s, u"Be brief."_s},
                                {u"voice"_s, u"Mark"_s},
                                {u"languageHint"_s, u"en"_s}}},
                              &context, expecting<RemoteAgent>(&done, u));
        break;
    case 3:
        ultravox->deleteAgent(u"agent-1"_s, &context, expecting<Done>(&done, u));
        break;
    case 4:
        ultravox->listVoices({}, &context, expecting<QList<Voice>>(&done, u));
        break;
    case 5:
        ultravox->startAgentCall(u"agent-1"_s, {{u"name"_s, u"Ada"_s}}, &context,
                                 expecting<UltravoxCall>(&done, u));
        break;
    case 6:
        ultravox->startAdHocCall(
            {u"Hi"_s, u"fixie-ai/ultravox"_s, u"Mark"_s, u"FIRST_SPEAKER_USER"_s}, &context,
            expecting<UltravoxCall>(&done, u));
        break;
    case 7:
        ultravox->getCall(u"call-1"_s, &context, expecting<UltravoxCall>(&done, u));
        break;
    case 8:
        ultravox->getMessages(u"call-1"_s, &context, expecting<QList<TranscriptMessage>>(&done, u));
        break;
    case 9:
        twilio->checkAccount(&context, expecting<TwilioAccount>(&done, t));
        break;
    case 10:
        twilio->placeCall({u"+14155550123"_s, u"+14155550100"_s, u"<Response/>"_s, {}}, &context,
                          expecting<TwilioCall>(&done, t));
        break;
    case 11:
        twilio->getCall(u"CA0123456789abcdef0123456789abcdef"_s, &context,
                        expecting<TwilioCall>(&done, t));
        break;
    case 12:
        twilio->listNumbers(&context, expecting<QList<OwnedNumber>>(&done, t));
        break;
    }
    Fuzz::processEventsUntil([&done] { return done; }, 3000);
    if (!done)
        __builtin_trap(); // an answer came, yet the operation never ended
    return 0;
}
