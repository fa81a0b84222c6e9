-- Neovim headless as a real LSP client of `doclint server` (run by
-- tests/server.rs): attach to the buffer, read back the diagnostics, ask
-- for the code actions at a finding, apply the preferred quick fix and see
-- the finding go. Works on Neovim 0.7 (Debian 12: `vim.lsp.start_client`
-- and `buf_attach_client`) and on 0.8+ (`vim.lsp.start`).
local out_path = assert(os.getenv("DOCLINT_NVIM_OUT"), "DOCLINT_NVIM_OUT")
local bin = assert(os.getenv("DOCLINT_BIN"), "DOCLINT_BIN")
local result = { nvim = tostring(vim.version().major) .. "." .. tostring(vim.version().minor) }

local function finish(message)
  result.message = message
  local file = assert(io.open(out_path, "w"))
  file:write(vim.fn.json_encode(result))
  file:close()
  vim.cmd("qall!")
end

-- The file named on the command line is loaded only after this script.
local function main()
  local buf = vim.api.nvim_get_current_buf()
  local root = vim.fn.getcwd()
  local config = {
    name = "doclint",
    cmd = { bin, "server" },
    root_dir = root,
    workspace_folders = { { uri = vim.uri_from_fname(root), name = "root" } },
  }
  local client_id
  if vim.lsp.start then
    client_id = vim.lsp.start(config)
  else
    client_id = vim.lsp.start_client(config)
    vim.lsp.buf_attach_client(buf, client_id)
  end
  result.started = client_id ~= nil

  local function wait_for(predicate)
    return vim.wait(60000, predicate, 20)
  end

  if not wait_for(function() return #vim.diagnostic.get(buf) > 0 end) then
    return finish("no diagnostics")
  end
  local client = vim.lsp.get_client_by_id(client_id)
  local encoding = client.offset_encoding or "utf-16"
  result.encoding = encoding
  result.diagnostics = {}
  local target
  for _, d in ipairs(vim.diagnostic.get(buf)) do
    table.insert(result.diagnostics, { line = d.lnum, col = d.col, code = d.code, source = d.source })
    if d.code == "double-space" and target == nil then
      target = d
    end
  end
  if target == nil then
    return finish("no double-space finding")
  end

  local function position(row, col)
    return { line = row, character = vim.lsp.util.character_offset(buf, row, col, encoding) }
  end
  local params = {
    textDocument = { uri = vim.uri_from_bufnr(buf) },
    range = { start = position(target.lnum, target.col), ["end"] = position(target.end_lnum, target.end_col) },
    context = { diagnostics = vim.lsp.diagnostic.get_line_diagnostics(buf, target.lnum) },
  }
  local responses = vim.lsp.buf_request_sync(buf, "textDocument/codeAction", params, 30000) or {}
  local chosen
  result.actions = {}
  for _, response in pairs(responses) do
    for _, action in ipairs(response.result or {}) do
      table.insert(result.actions, { title = action.title, kind = action.kind, preferred = action.isPreferred })
      if action.isPreferred and action.edit and chosen == nil then
        chosen = action
      end
    end
  end
  if chosen == nil then
    return finish("no preferred quick fix")
  end
  result.line_before = vim.api.nvim_buf_get_lines(buf, target.lnum, target.lnum + 1, false)[1]
  vim.lsp.util.apply_workspace_edit(chosen.edit, encoding)
  result.line_after = vim.api.nvim_buf_get_lines(buf, target.lnum, target.lnum + 1, false)[1]
  local before = #result.diagnostics
  result.diagnostics_after = before
  wait_for(function()
    local now = #vim.diagnostic.get(buf)
    result.diagnostics_after = now
    return now < before
  end)
  finish("done")
end

vim.api.nvim_create_autocmd("VimEnter", { callback = main })
