;;; run.el --- drives eglot for test/e2e/emacs.e2e.mjs -*- lexical-binding: t -*-
;; Loads the README's configuration ($VERBATIM_CONFIG, scripts/emacs/verbatim.el), opens
;; the draft ($VERBATIM_DRAFT) so markdown-mode's hook starts eglot, waits for Verbatim's
;; diagnostics in flymake, asks for a hover and a completion as a writer would, and
;; writes what it got as JSON to $VERBATIM_RESULTS.
;; Run: emacs --batch -q -l run.el  (-q, not -Q: Debian's site-start finds eglot)
(require 'json)
(require 'cl-lib)

(defconst verbatim-timeout 30.0 "Seconds each wait may take.")

(defun verbatim-wait (what predicate)
  "Process server output until PREDICATE holds; fail naming WHAT after the timeout."
  (let ((deadline (+ (float-time) verbatim-timeout)))
    (while (not (funcall predicate))
      (when (> (float-time) deadline) (error "Timed out waiting for %s" what))
      (accept-process-output nil 0.05))))

(defun verbatim-position (line character)
  "The buffer position of 0-based LINE and CHARACTER (ASCII lines)."
  (save-excursion
    (goto-char (point-min))
    (forward-line line)
    (+ (point) character)))

(defun verbatim-run ()
  (load (getenv "VERBATIM_CONFIG") nil t)
  (require 'markdown-mode)
  (require 'eglot)
  (find-file (getenv "VERBATIM_DRAFT"))
  ;; eglot-ensure waits for the end of the current command, which batch mode never reaches.
  (run-hooks 'post-command-hook)
  (verbatim-wait "eglot to manage the draft" #'eglot-managed-p)
  (let* ((server (eglot-current-server))
         (hover-at (json-read-from-string (getenv "VERBATIM_HOVER_AT")))
         (results (list (cons 'mode (symbol-name major-mode))
                        (cons 'server (cl-remove-if-not #'stringp (process-command (jsonrpc--process server)))))))
    (verbatim-wait "three diagnostics" (lambda () (>= (length (flymake-diagnostics)) 3)))
    (push (cons 'diagnostics
                (vconcat
                 (mapcar (lambda (d)
                           (let ((beg (flymake-diagnostic-beg d)) (end (flymake-diagnostic-end d)))
                             `((type . ,(symbol-name (flymake-diagnostic-type d)))
                               (text . ,(flymake-diagnostic-text d))
                               (line . ,(1- (line-number-at-pos beg)))
                               (column . ,(save-excursion (goto-char beg) (current-column)))
                               (length . ,(- end beg)))))
                         (sort (flymake-diagnostics) (lambda (a b) (< (flymake-diagnostic-beg a) (flymake-diagnostic-beg b)))))))
          results)
    ;; The hover eglot shows with M-x eldoc: its request, at the misquote.
    (goto-char (verbatim-position (alist-get 'line hover-at) (alist-get 'character hover-at)))
    (let ((hover (jsonrpc-request server :textDocument/hover (eglot--TextDocumentPositionParams))))
      (push (cons 'hover (and hover (plist-get (plist-get hover :contents) :value))) results))
    ;; Type `See [@` on a new last line, then complete there with eglot's completion-at-point.
    (goto-char (point-max))
    (insert "See [@")
    (eglot--signal-textDocument/didChange)
    (let* ((capf (eglot-completion-at-point))
           (table (nth 2 capf)))
      (push (cons 'completion (vconcat (all-completions "" table))) results))
    results))

(let ((path (getenv "VERBATIM_RESULTS")))
  (condition-case err
      (let ((results (verbatim-run)))
        (with-temp-file path (insert (json-encode results)))
        (kill-emacs 0))
    (error
     (with-temp-file path (insert (json-encode `((error . ,(error-message-string err))))))
     (kill-emacs 1))))
