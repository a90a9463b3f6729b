-- SPDX-License-Identifier: GPL-3.0-or-later
-- wrk script of bench/soak.sh: mixed API traffic for a long run. Per 100 requests: 45 reads of
-- one agent, 15 pages of agents, 10 health polls, 10 call lists, 5 metrics, 5 creates, 5 updates
-- and 5 deletes of agents this script made (so the agent count stays level). Set by the
-- environment: SOAK_API_KEY, SOAK_IDS_FILE (agent ids, one a line), SOAK_RUN (makes names unique).
local key = os.getenv("SOAK_API_KEY") or ""
local idsFile = os.getenv("SOAK_IDS_FILE")
local run = os.getenv("SOAK_RUN") or "r"
local counter = 1
local threads = {}

function setup(thread)
    thread:set("tid", counter)
    counter = counter + 1
    threads[#threads + 1] = thread
end

local ids = {}
local mine = {} -- ids this thread created and has not deleted yet
local sequence = 0
local headers = { ["X-API-Key"] = key, ["Content-Type"] = "application/json" }

function init(args)
    math.randomseed(os.time() * 1000 + (tid or 0))
    local file = assert(io.open(idsFile, "r"), "cannot read SOAK_IDS_FILE")
    for line in file:lines() do
        if #line > 0 then ids[#ids + 1] = line end
    end
    file:close()
end

local function body(name)
    return '{"name":"' .. name .. '","prompt":"You help {{customer_name}} with orders. Be brief.",'
        .. '"template_variables":{"customer_name":"Ada"}}'
end

function request()
    sequence = sequence + 1
    local roll = sequence % 100
    if roll < 45 then
        return wrk.format("GET", "/api/v1/agents/" .. ids[math.random(#ids)], headers)
    elseif roll < 60 then
        return wrk.format("GET", "/api/v1/agents?limit=20&offset=" .. math.random(0, #ids), headers)
    elseif roll < 70 then
        return wrk.format("GET", "/api/v1/health", headers)
    elseif roll < 80 then
        return wrk.format("GET", "/api/v1/calls?limit=20", headers)
    elseif roll < 85 then
        return wrk.format("GET", "/api/v1/metrics", headers)
    elseif roll < 90 then
        return wrk.format("POST", "/api/v1/agents", headers,
            body("soak-" .. run .. "-" .. tid .. "-" .. sequence))
    elseif roll < 95 and #mine > 0 then
        return wrk.format("PUT", "/api/v1/agents/" .. mine[math.random(#mine)], headers,
            body("soak-" .. run .. "-" .. tid .. "-u" .. sequence))
    elseif #mine > 0 then
        local id = table.remove(mine, 1)
        return wrk.format("DELETE", "/api/v1/agents/" .. id, headers)
    end
    return wrk.format("GET", "/api/v1/agents/" .. ids[math.random(#ids)], headers)
end

-- Answers by status, per thread (wrk itself only counts the ones outside 2xx and 3xx); done()
-- adds the threads' counts up.
statuses = {}
function response(status, headers, text)
    statuses[status] = (statuses[status] or 0) + 1
    -- Known by its answer, not by the last request made: a thread's connections take turns, so
    -- the last request made is often another connection's (and an agent whose create was missed
    -- here would never be deleted: the agent count, and the memory behind it, would grow).
    -- Only a create answers 201 in this script.
    if status == 201 then
        local id = text:match('"id":"([^"]+)"')
        if id then mine[#mine + 1] = id end
    end
end

function done(summary, latency, requests)
    io.write(string.format("SOAK_RESULT requests=%d duration_us=%d p99_us=%d errors_connect=%d "
        .. "errors_read=%d errors_timeout=%d status_errors=%d\n", summary.requests,
        summary.duration, latency:percentile(99), summary.errors.connect, summary.errors.read,
        summary.errors.timeout, summary.errors.status))
    local total = {}
    for _, thread in ipairs(threads) do
        for status, count in pairs(thread:get("statuses")) do
            total[status] = (total[status] or 0) + count
        end
    end
    local codes = {}
    for status in pairs(total) do codes[#codes + 1] = status end
    table.sort(codes)
    local parts = {}
    for _, status in ipairs(codes) do parts[#parts + 1] = status .. "=" .. total[status] end
    io.write("SOAK_STATUSES " .. table.concat(parts, " ") .. "\n")
end
