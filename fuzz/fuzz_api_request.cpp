// SPDX-License-Identifier: GPL-3.0-or-later
// The REST server's handling of a request, without sockets: the input is a request line, header
// lines, a blank line and a body. The target becomes path and query as the server reads them, the
// Host check runs, and the real route table dispatches to the real controllers over a sandbox
// stack on SQLite (agents, calls, companies, metrics, docs). Every answer, streamed ones included,
// is read to the end.
#include "ApiKeyGuard.h"
#include "AppError.h"
#include "FuzzSupport.h"
#include "HostPolicy.h"
#include "SandboxProviderFactory.h"
#include "ServerStack.h"

#include <QTemporaryDir>

#include <memory>

using namespace Qt::StringLiterals;

namespace {
constexpr const char *ApiKey = "fuzz-api-key-0123456789";

struct Fixture
{
    QTemporaryDir dir;
    MemorySecretStore secrets;
    std::unique_ptr<ServerStack> stack;
    HostPolicy hosts;

    Fixture()
    {
        StackConfig config;
        config.store = StoreLocation::sqliteInDataDir(dir.path());
        config.apiKey = QString::fromLatin1(ApiKey);
        config.pacing.firstMs = 1;
        config.pacing.maxMs = 5;
        SandboxOptions sandbox;
        sandbox.timeScale = 0.0001; // the simulated providers answer at once
        stack = std::make_unique<ServerStack>(config, secrets,
                                              std::make_unique<SandboxProviderFactory>(sandbox));
        stack->open();
    }
};

Fixture *fixture = nullptr;

struct Answer
{
    bool done = false;
    ApiResponse response;
};

std::shared_ptr<ApiRequest> readRequest(const QByteArray &input)
{
    auto request = std::make_shared<ApiRequest>();
    qsizetype lineEnd = input.indexOf('\n');
    if (lineEnd < 0)
        lineEnd = input.size();
    const QByteArray line = input.left(lineEnd).trimmed();
    const qsizetype space = line.indexOf(' ');
    request->method = line.left(space < 0 ? line.size() : space).left(16);
    QByteArray target = space < 0 ? QByteArray("/") : line.mid(space + 1);
    if (const qsizetype version = target.lastIndexOf(" HTTP/"); version > 0)
        target.truncate(version);
    // As QHttpServerRequest::url() gives it: the target resolved against the server's address.
    const QUrl url = QUrl(u"http://127.0.0.1:8000"_s).resolved(QUrl::fromEncoded(target));
    request->path = url.path();
    if (request->path.size() > 1 && request->path.endsWith(u'/'))
        request->path.chop(1);
    request->query = QUrlQuery(url);
    qsizetype at = lineEnd + 1;
    while (at < input.size()) {
        qsizetype end = input.indexOf('\n', at);
        if (end < 0)
            end = input.size();
        const QByteArray header = input.mid(at, end - at).trimmed();
        at = end + 1;
        if (header.isEmpty())
            break;
        const qsizetype colon = header.indexOf(':');
        if (colon <= 0)
            continue;
        request->headers.append({header.left(colon).trimmed(), header.mid(colon + 1).trimmed()});
    }
    request->body = at < input.size() ? input.mid(at) : QByteArray();
    request->requestId = u"fuzz"_s;
    return request;
}
} // namespace

extern "C" int LLVMFuzzerInitialize(int *argc, char ***argv)
{
    Fuzz::startApplication(argc, argv);
    fixture = new Fixture; // lives as long as the process: the fuzzer never returns from main
    return 0;
}

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (size > 64 * 1024)
        return -1; // the server's 1 MiB limit is checked before parsing; big inputs add nothing
    const std::shared_ptr<ApiRequest> request = readRequest(Fuzz::bytes(data, size));
    auto answer = std::make_shared<Answer>();
    const Reply reply(
        [answer, request](ApiResponse response) {
            answer->response = std::move(response);
            answer->done = true;
        },
        request->requestId);
    try {
        if (!fixture->hosts.allows(request->header("Host")))
            throw AppError(ErrorKind::ForbiddenHost, HostPolicy::hostName(request->header("Host")));
        fixture->stack->router().dispatch(*request, reply, fixture->stack->keys());
    } catch (const AppError &error) {
        reply.fail(error);
    }
    // Provider round trips of the sandbox answer on (nearly) zero timers.
    Fuzz::processEventsUntil([&answer] { return answer->done; }, 200);
    if (answer->done && answer->response.stream) {
        qint64 total = 0;
        for (QByteArray piece = answer->response.stream->next(); !piece.isEmpty();
             piece = answer->response.stream->next())
            total += piece.size();
        if (total != answer->response.stream->size)
            __builtin_trap(); // Content-Length would lie
    }
    return 0;
}
