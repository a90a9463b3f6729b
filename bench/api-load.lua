-- SPDX-License-Identifier: GPL-3.0-or-later
-- wrk script of bench/api-load.sh. The same script drives Switchboard and nginx, so both see the
-- same requests. Set by the environment:
--   BENCH_MODE     get_id | list | create
--   BENCH_API_KEY  sent as X-API-Key on every request
--   BENCH_IDS_FILE (get_id) agent ids, one a line; each request asks for a random one
--   BENCH_RUN      (create) a word that makes the names of this run unique
-- At the end it prints one line that api-load.sh reads:
--   BENCH_RESULT requests=N duration_us=N p50_us=N p90_us=N p99_us=N max_us=N status_errors=N ...

local mode = os.getenv("BENCH_MODE") or "get_id"
local key = os.getenv("BENCH_API_KEY") or ""
local idsFile = os.getenv("BENCH_IDS_FILE")
local run = os.getenv("BENCH_RUN") or "r"

local counter = 1

-- Runs once per wrk thread, in that thread's own Lua state.
function setup(thread)
    thread:set("tid", counter)
    counter = counter + 1
end

local ids = {}
local sequence = 0
local getHeaders = { ["X-API-Key"] = key, ["Accept"] = "application/json" }
local postHeaders = {
    ["X-API-Key"] = key,
    ["Accept"] = "application/json",
    ["Content-Type"] = "application/json",
}
local listRequest

function init(args)
    math.randomseed(os.time() * 1000 + (tid or 0))
    if mode == "get_id" then
        local file = assert(io.open(idsFile, "r"), "cannot read BENCH_IDS_FILE")
        for line in file:lines() do
            if #line > 0 then
                ids[#ids + 1] = line
            end
        end
        file:close()
        assert(#ids > 0, "BENCH_IDS_FILE holds no ids")
    elseif mode == "list" then
        listRequest = wrk.format("GET", "/api/v1/agents?limit=50", getHeaders)
    end
end

function request()
    if mode == "get_id" then
        return wrk.format("GET", "/api/v1/agents/" .. ids[math.random(#ids)], getHeaders)
    elseif mode == "list" then
        return listRequest
    else
        sequence = sequence + 1
        local body = string.format('{"name":"Bench %s-%d-%d","prompt":"You help."}',
                                   run, tid or 0, sequence)
        return wrk.format("POST", "/api/v1/agents", postHeaders, body)
    end
end

function done(summary, latency, requests)
    local e = summary.errors
    io.write(string.format(
        "BENCH_RESULT requests=%d duration_us=%d p50_us=%d p90_us=%d p99_us=%d max_us=%d "
            .. "status_errors=%d connect_errors=%d read_errors=%d write_errors=%d timeouts=%d\n",
        summary.requests, summary.duration, latency:percentile(50), latency:percentile(90),
        latency:percentile(99), latency.max, e.status, e.connect, e.read, e.write, e.timeout))
end
