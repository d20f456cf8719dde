/* GET /health: open to all, reveals nothing but whether the database
 * answers. */
#include "cgf_api.h"

int cgf_api_health(cgf_req_t *cr)
{
    static const char ok[] = "{\"status\":\"ok\"}";
    static const char down[] = "{\"status\":\"unavailable\"}";
    cgf_rows_t *rows;
    apr_status_t rv;

    rv = cgf_db_select(cr->r, "SELECT 1", 0, NULL, &rows);
    if (rv != APR_SUCCESS) {
        apr_table_setn(cr->r->err_headers_out, "Retry-After",
                       apr_itoa(cr->r->pool, cr->dconf->retry_after > 0
                                                 ? cr->dconf->retry_after
                                                 : CGF_DEFAULT_RETRY_AFTER));
        return cgf_http_send_text(cr->r, HTTP_SERVICE_UNAVAILABLE, down,
                                  sizeof(down) - 1);
    }
    return cgf_http_send_text(cr->r, HTTP_OK, ok, sizeof(ok) - 1);
}
