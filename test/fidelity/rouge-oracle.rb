# Highlights code samples with the installed Rouge (Debian's ruby-rouge, the one Debian's jekyll uses),
# choosing the lexer the way kramdown's Rouge highlighter does (Rouge::Lexer.find_fancy on the fence's
# language name). Input (stdin, JSON): [{ "id", "lang", "code" }].
# Output: { "version" => Rouge.version, "results" => { id => { "html" => String, "lexer" => tag } | { "plain" => true } } }.
require 'json'
require 'rouge'

jobs = JSON.parse($stdin.read)
results = {}
formatter = Rouge::Formatters::HTML.new
jobs.each do |job|
  lexer = Rouge::Lexer.find_fancy(job['lang'], job['code'])
  if lexer.nil? || lexer.tag == 'plaintext'
    results[job['id']] = { 'plain' => true }
  else
    results[job['id']] = { 'html' => formatter.format(lexer.lex(job['code'])), 'lexer' => lexer.tag }
  end
end
puts JSON.generate({ 'version' => Rouge.version, 'results' => results })
