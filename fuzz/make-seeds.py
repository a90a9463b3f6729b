#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""Writes the seed corpora of fuzz/corpus/<harness>/ from the shapes the test suites send and the
fake providers answer (tests/tst_api_*.cpp, tests/support/FakeUltravox.cpp, FakeTwilio.cpp).
Run it again after changing a request or reply shape; the fuzzers grow their own corpora beside."""
import base64
import json
import os
import shutil

here = os.path.dirname(os.path.abspath(__file__))
KEY = "fuzz-api-key-0123456789"


def write(harness, name, data):
    folder = os.path.join(here, "corpus", harness)
    os.makedirs(folder, exist_ok=True)
    with open(os.path.join(folder, name), "wb") as out:
        out.write(data if isinstance(data, bytes) else data.encode())


def compact(value):
    return json.dumps(value, separators=(",", ":"))


agent = {"name": "Protocol Agent", "prompt": "Hello {{customer_name}}, about {{order_id}}.",
         "voice": "Mark", "language": "en",
         "template_variables": {"order_id": "A-1", "customer_name": "Ada"}}
call = {"phone_number": "+14155550123", "template_context": {"customer_name": "Ada",
                                                              "nested": {"a": "b"}}}
company = {"name": "Acme",
           "twilio": {"account_sid": "AC" + "b" * 32, "auth_token": "twilio-token-5f2a9c0b7e",
                      "phone_number": "+14155550100"},
           "ultravox": {"api_key": "uv-secret-key-8d41e6a2", "system_prompt": "Hello.",
                        "model": "fixie-ai/ultravox", "voice": "terrence",
                        "first_speaker": "FIRST_SPEAKER_USER"}}
company_call = {"companyId": 1, "destinationNumber": "+14155550123"}

# The REST server: request line, headers, blank line, body.
def request(method, target, body=None, key=True, extra=()):
    lines = [f"{method} {target} HTTP/1.1", "Host: 127.0.0.1:8000"]
    if key:
        lines.append(f"X-API-Key: {KEY}")
    lines += list(extra)
    if body is not None:
        lines.append("Content-Type: application/json")
    return "\n".join(lines) + "\n\n" + (compact(body) if isinstance(body, dict) else (body or ""))

seeds = {
    "health": request("GET", "/api/v1/health", key=False),
    "health_detailed": request("GET", "/api/v1/health/detailed", key=False),
    "agents_list": request("GET", "/api/v1/agents?limit=5&offset=0&search=a"),
    "agent_create": request("POST", "/api/v1/agents", agent),
    "agent_get": request("GET", "/api/v1/agents/agent_0123456789abcdef"),
    "agent_put": request("PUT", "/api/v1/agents/agent_0123456789abcdef", agent,
                         extra=['If-Match: W/"3"']),
    "agent_delete": request("DELETE", "/api/v1/agents/agent_0123456789abcdef"),
    "call_create": request("POST", "/api/v1/calls/agent_0123456789abcdef", call),
    "calls_list": request("GET", "/api/v1/calls?status=completed&limit=10"),
    "call_get": request("GET", "/api/v1/calls/CA0123456789abcdef0123456789abcdef"),
    "companies": request("POST", "/api/v1/companies", company),
    "company_put": request("PUT", "/api/v1/companies/1", {"name": "Acme 2"}, extra=['If-Match: "1"']),
    "company_call": request("POST", "/api/ultravox-calls/initiate-call", company_call),
    "metrics": request("GET", "/api/v1/metrics"),
    "events": request("GET", "/api/v1/metrics/events?limit=3"),
    "api_calls": request("GET", "/api/v1/metrics/api-calls?limit=3"),
    "options": request("OPTIONS", "/api/v1/agents/x"),
    "head": request("HEAD", "/api/v1/agents"),
    "docs": request("GET", "/docs", key=False),
    "openapi": request("GET", "/openapi.json", key=False),
    "foreign_host": "GET /api/v1/agents HTTP/1.1\nHost: rebind.example\n\n",
    "not_object": request("POST", "/api/v1/agents", '"agent"'),
    "bad_key": request("GET", "/api/v1/agents", key=False, extra=["X-API-Key: short"]),
}
for name, text in seeds.items():
    write("fuzz_api_request", name, text)

# The JSON readers: first byte picks agent (0), call (1), company create (2) or update (3).
for index, (name, body) in enumerate([("agent", agent), ("call", call), ("company", company),
                                       ("company_update", {"name": "Renamed",
                                                           "twilio": {"phone_number": "+14155550199"}})]):
    write("fuzz_json_readers", name, bytes([index]) + compact(body).encode())
write("fuzz_json_readers", "string", b"\x00\"agent\"")
write("fuzz_json_readers", "broken", b"\x01{\"phone_number\": ")

# Phone numbers: first byte picks the default region.
for index, text in enumerate(["+14155550123", "(415) 555-0123", "415.555.0123",
                              "+44 20 7946 0958", "020 7946 0958", "tel:+1-415-555-0123",
                              "+1 415 555 0123 ext. 7", "00 33 1 23 45 67 89", "+٤١٥٥٥٥٠١٢٣"]):
    write("fuzz_phone_numbers", f"number{index}", bytes([index * 37 % 250]) + text.encode())

write("fuzz_credentials_file", "unit",
      "# for the unit\nSWITCHBOARD_API_KEY=\"file-api-key-0123456789\"\n\n"
      "TWILIO_PHONE_NUMBER = +14155550199\nULTRAVOX_API_KEY='uv-key'\n")
write("fuzz_credentials_file", "bad", "ULTRAVOX_API_KEY\nPATH=/bin\n")

# Provider replies: first byte picks the operation (fuzz_provider_replies.cpp), second the status
# (index into its list: 0 = 200, 1 = 201, 3 = 400, 4 = 401, 9 = 429, 10 = 500).
voice = {"voiceId": "00000000-0000-4000-8000-000000000001", "name": "Mark",
         "description": "A test voice", "primaryLanguage": "en-US", "previewUrl": None}
uv_agent = {"agentId": "00000000-0000-4000-8000-000000000002", "name": "Fuzz",
            "created": "2024-01-01T12:00:00.123456Z", "callTemplate": {"systemPrompt": "Hi"},
            "statistics": {"calls": 0}}
uv_call = {"callId": "00000000-0000-4000-8000-000000000003",
           "joinUrl": "wss://voice.ultravox.ai/calls/x/join?token=t",
           "created": "2024-01-01T12:00:00.123456Z", "joined": None, "ended": "2024-01-01T12:01:00Z",
           "endReason": "hangup", "shortSummary": "Done.", "summary": None}
message = {"role": "MESSAGE_ROLE_AGENT", "text": "Hello", "medium": "MESSAGE_MEDIUM_VOICE",
           "callStageMessageIndex": 0}
tw_call = {"sid": "CA" + "a" * 32, "account_sid": "AC" + "b" * 32, "status": "queued",
           "to": "+14155550123", "from": "+14155550100", "duration": "12",
           "date_created": "Mon, 01 Jan 2024 12:00:00 +0000", "start_time": None, "end_time": None,
           "price": None}
replies = {
    "uv_account": (0, 0, {"name": "Fuzz", "billingUrl": "https://x", "freeTimeUsed": "0s",
                          "freeTimeRemaining": "1800s", "hasActiveSubscription": False,
                          "activeCalls": 0, "allowedConcurrentCalls": 5}),
    "uv_agent_create": (1, 1, uv_agent),
    "uv_agent_update": (2, 0, uv_agent),
    "uv_agent_delete": (3, 2, ""),
    "uv_voices": (4, 0, {"results": [voice], "next": "https://api.ultravox.ai/api/voices?cursor=2",
                         "previous": None, "total": 2}),
    "uv_call": (5, 1, uv_call),
    "uv_adhoc": (6, 1, uv_call),
    "uv_get_call": (7, 0, uv_call),
    "uv_messages": (8, 0, {"results": [message], "next": None, "total": 1}),
    "uv_error_detail": (1, 3, {"detail": "Invalid API key"}),
    "uv_error_fields": (1, 3, {"systemPrompt": ["This field may not be blank."]}),
    "tw_account": (9, 0, {"sid": "AC" + "b" * 32, "friendly_name": "Fuzz", "status": "active",
                          "type": "Full"}),
    "tw_place": (10, 1, tw_call),
    "tw_get": (11, 0, dict(tw_call, status="completed")),
    "tw_numbers": (12, 0, {"incoming_phone_numbers": [{"sid": "PN" + "c" * 32,
                                                       "phone_number": "+14155550100",
                                                       "friendly_name": "Main",
                                                       "capabilities": {"voice": True}}],
                           "next_page_uri": None}),
    "tw_error": (10, 3, {"code": 21217, "message": "Phone number does not appear to be valid",
                         "more_info": "https://www.twilio.com/docs/errors/21217", "status": 400}),
    "tw_rate": (11, 9, {"code": 20429, "message": "Too Many Requests", "status": 429}),
    "html_500": (7, 10, "<html><body>Bad gateway</body></html>"),
}
for name, (operation, status, body) in replies.items():
    payload = body if isinstance(body, str) else compact(body)
    write("fuzz_provider_replies", name, bytes([operation, status]) + payload.encode())

# Recipient lists: first byte picks the reader (fuzz_recipient_lists.cpp: 0 CSV by phone_number,
# 1 CSV by the last column, 2 JSON, 3 the CSV parser's round trip); bit 2 sets the US region.
csv_list = ("phone_number,first_name,appointment\r\n+14155550123,Ada,\"Mon, 9:00\"\r\n"
            "(415) 555-0124,\"Grace \"\"G\"\"\",Tue\r\n+14155550123,Dup,Wed\r\nnot a number,X,Thu\r\n")
write("fuzz_recipient_lists", "csv", bytes([4]) + csv_list.encode())
write("fuzz_recipient_lists", "csv_last_column", bytes([5]) + b"name,phone\nAda,+442079460958\n")
write("fuzz_recipient_lists", "json", bytes([6]) + compact(
    {"recipients": [{"phone_number": "+14155550123", "context": {"first_name": "Ada"}},
                    {"phone_number": "415 555 0199"}]}).encode())
write("fuzz_recipient_lists", "quoted_lines", bytes([3]) + "\ufeffa,b\n\"multi\nline\",=1+2\n\n".encode())
# Found by fuzzing: a byte order mark where the header starts after a blank line.
write("fuzz_recipient_lists", "bom_after_blank_line", bytes([3]) + "\n\ufeffa,l+2\n\n".encode())
# ... and two of them, with bytes that are not UTF-8 after.
write("fuzz_recipient_lists", "boms_after_blank_line", base64.b64decode("Awrvu7/vu79hLGwrMjunp6enp6cgICAgICAgICAgIKenpyw="))
with open(os.path.join(here, "..", "docs", "examples", "sandbox-campaign.csv"), "rb") as example:
    write("fuzz_recipient_lists", "sandbox_example", bytes([4]) + example.read())

# Campaign bodies (first byte 0 create, 1 update) and agent export files (2).
campaign = {"name": "Reminders", "agent_id": "agent_0123456789abcdef", "max_concurrent_calls": 5,
            "calls_per_minute": 30, "calling_hours": {"start": "09:00", "end": "20:00",
                                                      "days": ["mon", "tue", "wed", "thu", "fri"],
                                                      "time_zone": "recipient"},
            "max_attempts": 3, "retry_delay_seconds": 3600,
            "retry_on": ["busy", "no-answer", "failed", "machine"],
            "start_at": "2026-12-07T09:00:00Z"}
write("fuzz_campaign_json", "create", bytes([0]) + compact(campaign).encode())
write("fuzz_campaign_json", "update", bytes([1]) + compact(
    {"calling_hours": {"start": "08:30", "end": "17:00", "days": ["sat"],
                       "time_zone": "Europe/Berlin"}, "start_at": None}).encode())
# Found by fuzzing: a number far beyond any integer (its cast to one was undefined).
write("fuzz_campaign_json", "huge_number", bytes([0]) + b'{"name":"Reminders","calls_per_minute":3' + b"0" * 71 + b"}")
write("fuzz_campaign_json", "agents_export", bytes([2]) + compact(
    {"format": "switchboard-agents", "version": 1, "exported_at": "2026-12-01T10:00:00Z",
     "agents": [agent, {"config": dict(agent, name="Existing agent")}, {"name": ""}]}).encode())
