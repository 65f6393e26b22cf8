-- Neovim as an LSP client of dist/server.js: proof that `node dist/server.js --stdio` is all a
-- client needs. Run headless by neovim.ts; writes what the server answered to $RESULT as JSON.
local server = vim.env.SERVER
local file = vim.env.DOCKERFILE
local result_path = vim.env.RESULT
local results = { diagnostics = {}, errors = {} }

local function finish()
  local out = io.open(result_path .. '.tmp', 'w')
  out:write(vim.fn.json_encode(results))
  out:close()
  os.rename(result_path .. '.tmp', result_path)
  vim.cmd('qall!')
end

local function fail(message)
  table.insert(results.errors, message)
  finish()
end

vim.cmd('edit ' .. vim.fn.fnameescape(file))
local bufnr = vim.api.nvim_get_current_buf()
vim.bo[bufnr].filetype = 'dockerfile'

local client_id = vim.lsp.start_client({
  name = 'dockerfile-stages',
  cmd = { 'node', server, '--stdio' },
  root_dir = vim.fn.fnamemodify(file, ':h'),
  init_options = { diagnosticsDelay = 0 },
  handlers = {
    ['textDocument/publishDiagnostics'] = function(_, params)
      for _, d in ipairs(params.diagnostics) do
        table.insert(results.diagnostics, { code = d.code, line = d.range.start.line, character = d.range.start.character, message = d.message })
      end
    end,
  },
})
if not client_id then return fail('the client did not start') end
vim.lsp.buf_attach_client(bufnr, client_id)

-- Poll for the first diagnostics, with a deadline (vim.wait polls; it does not sleep a fixed time).
if not vim.wait(20000, function() return #results.diagnostics > 0 end, 50) then return fail('no diagnostics within 20 s') end

local client = vim.lsp.get_client_by_id(client_id)
local function request(method, line, character)
  local params = { textDocument = { uri = vim.uri_from_bufnr(bufnr) }, position = { line = line, character = character } }
  local response = client.request_sync(method, params, 10000, bufnr)
  if not response or response.err then
    table.insert(results.errors, method .. ': ' .. vim.inspect(response and response.err))
    return nil
  end
  return response.result
end

-- Positions come from the text, not from the test: the first `--from=` value and the first ARG use.
local lines = vim.api.nvim_buf_get_lines(bufnr, 0, -1, false)
for i, text in ipairs(lines) do
  local at = text:find('--from=copy-src', 1, true)
  if at then
    local definition = request('textDocument/definition', i - 1, at + 8)
    results.definition = definition
    local hover = request('textDocument/hover', i - 1, at + 8)
    results.hover = hover and hover.contents and hover.contents.value or vim.NIL
  end
end
results.symbols = request('textDocument/documentSymbol', 0, 0)
finish()
