-- Batches: ITEMS posts per request, as a JSON array (FORMAT=json) or NDJSON lines (FORMAT=ndjson).
-- 32 different bodies are built up front, so wrk spends its time sending rather than formatting.
local text = "Arrived today: great sound, but the left ear cup creaks a little when I turn my head."
local items = tonumber(os.getenv("ITEMS") or "100")
local ndjson = os.getenv("FORMAT") == "ndjson"
wrk.method = "POST"
wrk.headers["Content-Type"] = ndjson and "application/x-ndjson" or "application/json"
wrk.headers["X-API-Key"] = os.getenv("API_KEY")

local threads = {}
function setup(thread)
  table.insert(threads, thread)
end

local bodies = {}
local next_body = 1
non202 = 0

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

function response(status, headers, body)
  if status ~= 202 then
    non202 = non202 + 1
  end
end

function done(summary, latency, requests)
  local bad = 0
  for _, thread in ipairs(threads) do
    bad = bad + thread:get("non202")
  end
  local rps = summary.requests / (summary.duration / 1e6)
  io.write(string.format("RESULT requests=%d rps=%.1f events_per_s=%.0f p50_ms=%.2f p99_ms=%.2f non202=%d socket_errors=%d\n",
    summary.requests, rps, rps * items, latency:percentile(50) / 1000, latency:percentile(99) / 1000, bad,
    summary.errors.connect + summary.errors.read + summary.errors.write + summary.errors.timeout))
end
