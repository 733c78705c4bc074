-- A single-statement write (a roll: marks, stored answer and audit events together) checks at its end that what it
-- read before still held; when not, this aborts the whole statement with serialization_failure so the caller retries.
CREATE OR REPLACE FUNCTION trellis_write_holds(ok boolean) RETURNS boolean LANGUAGE plpgsql AS $$
BEGIN
  IF NOT ok THEN
    RAISE EXCEPTION 'the data this write relied on changed meanwhile' USING ERRCODE = 'serialization_failure';
  END IF;
  RETURN true;
END;
$$;
