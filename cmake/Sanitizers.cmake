# LOYALTY_SANITIZE=address,undefined builds everything with those sanitizers.
if(LOYALTY_SANITIZE)
  add_compile_options(-fsanitize=${LOYALTY_SANITIZE} -fno-omit-frame-pointer -fno-sanitize-recover=all)
  add_link_options(-fsanitize=${LOYALTY_SANITIZE})
endif()
