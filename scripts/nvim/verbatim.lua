-- Verbatim in Neovim (0.7 or later), with the built-in LSP client.
--
-- Starts `verbatim-language-server --stdio` for Markdown buffers, one server per
-- project: the nearest folder above the file that holds a `corpus/` folder (else the
-- current directory). Diagnostics show as usual; K shows the hover (the source
-- passage of a quote), <C-x><C-o> completes citation keys after `[@`, and
-- <leader>ca lists the quick fixes.
--
-- Use: copy this file into your config and `require` it, or from init.lua:
--   dofile('/path/to/verbatim/scripts/nvim/verbatim.lua')
-- To start the server another way (a checkout, say), set before loading:
--   vim.g.verbatim_cmd = { 'node', '/path/to/verbatim/server/out/server.js', '--stdio' }
-- Settings (section `verbatim`) go in vim.g.verbatim_settings, e.g.
--   vim.g.verbatim_settings = { corpus = { 'sources' }, minQuoteWords = 4 }

local cmd = vim.g.verbatim_cmd or { 'verbatim-language-server', '--stdio' }
local settings = vim.g.verbatim_settings or vim.empty_dict()
local clients = {}

--- The project folder for a file: the nearest folder above it holding `corpus/`.
local function project_root(file)
  local start = vim.fn.fnamemodify(file, ':p:h')
  local corpus = vim.fn.finddir('corpus', start .. ';')
  if corpus ~= '' then
    return vim.fn.fnamemodify(corpus, ':p:h:h')
  end
  return vim.fn.getcwd()
end

local function on_attach(_, bufnr)
  vim.api.nvim_buf_set_option(bufnr, 'omnifunc', 'v:lua.vim.lsp.omnifunc')
  local opts = { buffer = bufnr, silent = true }
  vim.keymap.set('n', 'K', vim.lsp.buf.hover, opts)
  vim.keymap.set('n', 'gd', vim.lsp.buf.definition, opts)
  vim.keymap.set('n', 'gr', vim.lsp.buf.references, opts)
  vim.keymap.set('n', '<leader>ca', vim.lsp.buf.code_action, opts)
end

vim.api.nvim_create_autocmd('FileType', {
  pattern = 'markdown',
  group = vim.api.nvim_create_augroup('verbatim', { clear = true }),
  callback = function(args)
    local root = project_root(vim.api.nvim_buf_get_name(args.buf))
    if not clients[root] then
      clients[root] = vim.lsp.start_client({
        name = 'verbatim',
        cmd = cmd,
        root_dir = root,
        workspace_folders = { { uri = vim.uri_from_fname(root), name = vim.fn.fnamemodify(root, ':t') } },
        settings = { verbatim = settings },
        on_attach = on_attach,
      })
    end
    if clients[root] then
      vim.lsp.buf_attach_client(args.buf, clients[root])
    end
  end,
})
