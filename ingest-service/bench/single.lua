-- Single-event POSTs of a ~210-byte post (~290 bytes on the topic), each from one of 1,000 authors so that
-- records spread over the partitions as real traffic does.
local text = "Arrived today: great sound, but the left ear cup creaks a little when I turn my head."
wrk.method = "POST"
wrk.headers["Content-Type"] = "application/json"
wrk.headers["X-API-Key"] = os.getenv("API_KEY")

local threads = {}
function setup(thread)
  table.insert(threads, thread)
end

non202 = 0

function request()
  local body = string.format(
    '{"platform":"mastodon","author":"author-%d","text":"%s","createdAt":"2025-06-01T10:00:00Z","lang":"en","productId":"hp-200"}',
    math.random(0, 999), text)
  return wrk.format(nil, nil, nil, body)
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
  io.write(string.format("RESULT requests=%d rps=%.1f p50_ms=%.2f p99_ms=%.2f non202=%d socket_errors=%d\n",
    summary.requests, summary.requests / (summary.duration / 1e6), latency:percentile(50) / 1000,
    latency:percentile(99) / 1000, bad,
    summary.errors.connect + summary.errors.read + summary.errors.write + summary.errors.timeout))
end
