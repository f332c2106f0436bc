-- Drives Neovim's built-in LSP client for test/e2e/neovim.e2e.mjs, through the very
-- configuration the README shows (scripts/nvim/verbatim.lua). Opens the draft, waits
-- for Verbatim's diagnostics, asks for a hover and a completion, and writes what it
-- got as JSON to $VERBATIM_RESULTS. Run: nvim --headless --clean -c 'luafile run.lua'
local results_path = os.getenv('VERBATIM_RESULTS')
local draft = os.getenv('VERBATIM_DRAFT')
local config = os.getenv('VERBATIM_CONFIG')
local hover_at = vim.fn.json_decode(os.getenv('VERBATIM_HOVER_AT'))
local timeout = 30000
-- With $VERBATIM_AWAIT_CODE, the diagnostics are settled once one has that code and none
-- is unknown-source (a bibliography is read after the first check); else at three.
local await_code = os.getenv('VERBATIM_AWAIT_CODE')

local function write(results)
  local file = assert(io.open(results_path, 'w'))
  file:write(vim.fn.json_encode(results))
  file:close()
end

local function verbatim_client(buf)
  for _, client in pairs(vim.lsp.buf_get_clients(buf)) do
    if client.name == 'verbatim' then return client end
  end
end

local function request(buf, method, params)
  local responses, err = vim.lsp.buf_request_sync(buf, method, params, timeout)
  if not responses then error(method .. ': ' .. tostring(err)) end
  for _, response in pairs(responses) do
    if response.error then error(method .. ': ' .. vim.inspect(response.error)) end
    return response.result
  end
end

local function run()
  vim.g.verbatim_cmd = vim.fn.json_decode(os.getenv('VERBATIM_CMD'))
  dofile(config)
  vim.cmd('edit ' .. vim.fn.fnameescape(draft))
  local buf = vim.api.nvim_get_current_buf()
  local results = { filetype = vim.bo[buf].filetype }

  assert(vim.wait(timeout, function() return verbatim_client(buf) ~= nil end, 20), 'the verbatim client did not attach')
  local client = verbatim_client(buf)
  assert(vim.wait(timeout, function() return client.initialized end, 20), 'the server did not initialize')
  local function settled()
    local diagnostics = vim.diagnostic.get(buf)
    if not await_code then return #diagnostics >= 3 end
    local found = false
    for _, d in ipairs(diagnostics) do
      local code = d.code or (d.user_data and d.user_data.lsp or {}).code
      if code == 'unknown-source' then return false end
      if code == await_code then found = true end
    end
    return found
  end
  assert(vim.wait(timeout, settled, 20), 'no diagnostics within the timeout')

  results.diagnostics = {}
  for _, d in ipairs(vim.diagnostic.get(buf)) do
    local lsp = d.user_data and d.user_data.lsp or {}
    table.insert(results.diagnostics, {
      code = d.code or lsp.code, source = d.source, message = d.message, severity = d.severity,
      lnum = d.lnum, col = d.col, end_lnum = d.end_lnum, end_col = d.end_col,
    })
  end

  local uri = vim.uri_from_bufnr(buf)
  local hover = request(buf, 'textDocument/hover', {
    textDocument = { uri = uri }, position = { line = hover_at.line, character = hover_at.character },
  })
  results.hover = hover and hover.contents and (hover.contents.value or hover.contents) or vim.NIL

  -- Type `See [@` on a new last line, as a writer would, then ask for completion there.
  local last = vim.api.nvim_buf_line_count(buf)
  vim.api.nvim_buf_set_lines(buf, last, last, false, { 'See [@' })
  local completion = request(buf, 'textDocument/completion', {
    textDocument = { uri = uri }, position = { line = last, character = 6 },
    context = { triggerKind = 2, triggerCharacter = '@' },
  })
  local items = completion and (completion.items or completion) or {}
  results.completion = {}
  for _, item in ipairs(items) do table.insert(results.completion, item.label) end

  results.omnifunc = vim.bo[buf].omnifunc
  results.server = { name = client.name, capabilities = {
    hover = client.server_capabilities.hoverProvider and true or false,
    completion = client.server_capabilities.completionProvider ~= nil,
  } }
  return results
end

local ok, results = pcall(run)
if ok then
  write(results)
else
  write({ error = tostring(results) })
end
vim.cmd('qall!')
