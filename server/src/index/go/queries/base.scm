; Run on every Go file: what a file declares and every call it makes. Declarations feed code-snippet
; checks and constant folding; calls feed helper resolution across files.
(package_clause (package_identifier) @package)
(import_spec) @import
(source_file (function_declaration) @func)
(source_file (method_declaration) @method)
(source_file (type_declaration) @typedecl)
(source_file (const_declaration) @constdecl)
(source_file (var_declaration) @vardecl)
(call_expression) @call
