-- Verbatim in Neovim 0.7 or later, with the built-in LSP client. The README shows
-- the code below this header as it is, and the end-to-end test (npm run test:nvim)
-- runs this very file, and checks that the README still matches it.
--
-- One server per project (the nearest folder above the draft that holds corpus/),
-- attached to every Markdown buffer in it. K shows the hover (a quote's source
-- passage), <C-x><C-o> completes keys after [@, <leader>ca offers the quick fixes.
-- Load it from init.lua with dofile('/path/to/verbatim/scripts/nvim/verbatim.lua'),
-- or paste it. Before loading, vim.g.verbatim_cmd can start the server another way,
-- e.g. { 'node', '/path/to/verbatim/server/out/server.js', '--stdio' }, and
-- vim.g.verbatim_settings can replace the settings.
local cmd = vim.g.verbatim_cmd or { 'verbatim-language-server', '--stdio' }
local clients = {}

vim.api.nvim_create_autocmd('FileType', {
  pattern = 'markdown',
  group = vim.api.nvim_create_augroup('verbatim', { clear = true }),
  callback = function(args)
    local dir = vim.fn.fnamemodify(vim.api.nvim_buf_get_name(args.buf), ':p:h')
    local corpus = vim.fn.finddir('corpus', dir .. ';')
    local root = corpus ~= '' and vim.fn.fnamemodify(corpus, ':p:h:h') or vim.fn.getcwd()
    clients[root] = clients[root] or vim.lsp.start_client({
      name = 'verbatim',
      cmd = cmd,
      root_dir = root,
      workspace_folders = { { uri = vim.uri_from_fname(root), name = root } },
      settings = { verbatim = vim.g.verbatim_settings or { corpus = { 'corpus' }, minQuoteWords = 4 } },
      on_attach = function(_, bufnr)
        vim.bo[bufnr].omnifunc = 'v:lua.vim.lsp.omnifunc'
        vim.keymap.set('n', 'K', vim.lsp.buf.hover, { buffer = bufnr })
        vim.keymap.set('n', '<leader>ca', vim.lsp.buf.code_action, { buffer = bufnr })
      end,
    })
    if clients[root] then
      vim.lsp.buf_attach_client(args.buf, clients[root])
    end
  end,
})
