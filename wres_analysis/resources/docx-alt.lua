-- Word's alt text for a chart. A chart's Markdown is ![short title](png){fig-alt="long alt"}:
-- Quarto shows the title as the caption and, in HTML, uses fig-alt as the alt text, but
-- Word's picture description (docPr descr) is the image's own text, the title. Run after
-- Quarto's filters, so the caption is already set apart: this makes fig-alt that text.
function Image(image)
  local alt = image.attributes["fig-alt"]
  if alt ~= nil and alt ~= "" then
    image.caption = pandoc.Inlines(pandoc.Str(alt))
    image.attributes["fig-alt"] = nil
    return image
  end
end
