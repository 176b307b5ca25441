; Run only on files that mention a configuration, messaging, container or storage API: typed
; composite literals, field assignments and the local variables that feed them.
(composite_literal type: (_)) @lit
(assignment_statement) @assign
(short_var_declaration) @short
(var_declaration) @var
(range_clause left: (expression_list) right: (_)) @range
(if_statement
  condition: (binary_expression
    left: (identifier)
    operator: "=="
    right: (interpreted_string_literal))) @ifempty
(if_statement
  condition: (unary_expression
    operator: "!"
    operand: (identifier))) @ifnot
(binary_expression
  left: (selector_expression field: (field_identifier))
  operator: "=="
  right: (interpreted_string_literal)) @fieldempty
