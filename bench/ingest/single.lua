-- Single-event POSTs of a ~210-byte post (~290 bytes on the topic), each from one of 1,000 authors so that
-- records spread over the partitions as real traffic does.
local text = "Arrived today: great sound, but the left ear cup creaks a little when I turn my head."
dofile((debug.getinfo(1, "S").source:match("^@(.*/)") or "") .. "results.lua")
wrk.headers["Content-Type"] = "application/json"

function request()
  local body = string.format(
    '{"platform":"mastodon","author":"author-%d","text":"%s","createdAt":"2025-06-01T10:00:00Z","lang":"en","productId":"hp-200"}',
    math.random(0, 999), text)
  return wrk.format(nil, nil, nil, body)
end

function done(summary, latency, requests)
  report(summary, latency, nil)
end
