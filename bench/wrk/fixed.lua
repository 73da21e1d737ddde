-- The same request every time: the URL on wrk's command line, the method in BENCH_METHOD and,
-- when BENCH_BODY is set, that JSON body (a REST body or a GraphQL {"query": ...} document).
wrk.method = os.getenv("BENCH_METHOD") or "GET"
local body = os.getenv("BENCH_BODY")
if body ~= nil and body ~= "" then
  wrk.body = body
  wrk.headers["Content-Type"] = "application/json"
end

dofile(os.getenv("BENCH_WRK_DIR") .. "/report.lua")
