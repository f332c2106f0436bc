;; Verbatim in Emacs with eglot (Emacs 29+, or Emacs 28 with the eglot package) and
;; markdown-mode. The README shows the code below; test/e2e/emacs.e2e.mjs runs this
;; very file and checks that the README block matches it.
(with-eval-after-load 'eglot
  (add-to-list 'eglot-server-programs '(markdown-mode . ("verbatim-language-server" "--stdio")))
  (setq-default eglot-workspace-configuration '(:verbatim (:corpus ["corpus"] :minQuoteWords 4))))
(add-hook 'markdown-mode-hook #'eglot-ensure)
