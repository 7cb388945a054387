"""Import from WordPress: a WXR export becomes Letopis posts and pages (`letopis import
wordpress`). `reader` streams the export, `convert` turns WordPress HTML into Markdown,
`importer` plans and writes the files safely, `media` downloads attachments."""
