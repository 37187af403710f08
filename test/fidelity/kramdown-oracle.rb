# Debian's kramdown with the options Jekyll gives it (Jekyll's own converter, Jekyll's defaults:
# input GFM, auto_ids, entity_output as_char, smart_quotes, footnote_nr 1, syntax_highlighter rouge…).
# Reads JSON lines {"id", "text"} on stdin (with "kramdown": options over Jekyll's `kramdown:` defaults, as a
# site's _config.yml gives them), writes JSON lines {"id", "html"} or {"id", "error"}.
require 'json'
require 'jekyll'

Jekyll.logger.log_level = :error
config = JSON.parse(JSON.generate(Jekyll::Configuration::DEFAULTS)).merge('quiet' => true)
parsers = Hash.new do |h, opts|
  h[opts] = Jekyll::Converters::Markdown::KramdownParser.new(config.merge('kramdown' => config['kramdown'].merge(opts)))
end
$stdout.sync = true
$stdin.each_line do |line|
  req = JSON.parse(line)
  begin
    out = { 'id' => req['id'], 'html' => parsers[req['kramdown'] || {}].convert(req['text']) }
  rescue StandardError, SystemStackError => e
    out = { 'id' => req['id'], 'error' => "#{e.class}: #{e.message}"[0, 300] }
  end
  puts JSON.generate(out)
end
