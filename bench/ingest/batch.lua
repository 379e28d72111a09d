-- Batches: ITEMS posts per request, as a JSON array (FORMAT=json) or NDJSON lines (FORMAT=ndjson).
-- 32 different bodies are built up front, so wrk spends its time sending rather than formatting.
local text = "Arrived today: great sound, but the left ear cup creaks a little when I turn my head."
local items = tonumber(os.getenv("ITEMS") or "100")
local ndjson = os.getenv("FORMAT") == "ndjson"
dofile((debug.getinfo(1, "S").source:match("^@(.*/)") or "") .. "results.lua")
wrk.headers["Content-Type"] = ndjson and "application/x-ndjson" or "application/json"

local bodies = {}
local next_body = 1

function init(args)
  for b = 1, 32 do
    local events = {}
    for i = 1, items do
      events[i] = string.format(
        '{"platform":"mastodon","author":"author-%d","text":"%s","createdAt":"2025-06-01T10:00:00Z","lang":"en","productId":"hp-200"}',
        math.random(0, 999), text)
    end
    if ndjson then
      bodies[b] = wrk.format(nil, nil, nil, table.concat(events, "\n") .. "\n")
    else
      bodies[b] = wrk.format(nil, nil, nil, "[" .. table.concat(events, ",") .. "]")
    end
  end
end

function request()
  next_body = next_body % #bodies + 1
  return bodies[next_body]
end

function done(summary, latency, requests)
  report(summary, latency, items)
end
