-- wrk script: POST the JSON body in the file named by $RC_BODY_FILE to the target path.
local f = assert(io.open(os.getenv("RC_BODY_FILE"), "rb"))
local body = f:read("*a")
f:close()
wrk.method = "POST"
wrk.body = body
wrk.headers["Content-Type"] = "application/json"

local statuses = {}
function response(status, headers, body)
  statuses[status] = (statuses[status] or 0) + 1
end

function done(summary, latency, requests)
  local non2xx = summary.errors.status or 0
  io.write(string.format("non-2xx responses: %d\n", non2xx))
end
