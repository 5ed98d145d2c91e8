-- The interface language a person chose with the language switch while
-- signed in ('' = none chosen: the browser's languages decide). It is the
-- language the portal is read in, not the working language of a request,
-- which each request keeps in its own answers.

ALTER TABLE users ADD COLUMN language TEXT NOT NULL DEFAULT '';
