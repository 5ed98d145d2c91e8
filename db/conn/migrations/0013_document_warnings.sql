-- What the upload checks found that staff should know before opening a
-- document: comma-separated codes such as "pdf_javascript" (the catalogue
-- names each under "filewarning.<code>"). Empty for a clean file and for
-- documents stored before the checks.
ALTER TABLE documents ADD COLUMN warnings TEXT NOT NULL DEFAULT '';
