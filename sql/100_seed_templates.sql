-- The API templates a webhook may name.  Fixed ids, the same on every
-- install, so documentation and client configuration can name them.
INSERT INTO cgf_api_template (id, name, display_name, description)
VALUES ('6f1d2a3b-0c4e-4a5f-9b6d-7e8f9a0b1c2d', 'class_track_analysis',
        'Class Track Analysis',
        'Notifications about class recordings submitted for analysis: '
        'each change of an analysis status, up to completed or failed.')
ON CONFLICT (id) DO UPDATE
    SET name = EXCLUDED.name, display_name = EXCLUDED.display_name,
        description = EXCLUDED.description;
