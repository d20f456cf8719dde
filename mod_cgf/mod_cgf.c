#include "httpd.h"
#include "http_config.h"
module AP_MODULE_DECLARE_DATA cgf_module = {
    STANDARD20_MODULE_STUFF, NULL, NULL, NULL, NULL, NULL, NULL};
