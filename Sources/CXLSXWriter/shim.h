#ifndef COFUND_CXLSXWRITER_SHIM_H
#define COFUND_CXLSXWRITER_SHIM_H

/* libxlsxwriter: the Excel workbooks a run directory holds (report.xlsx). */
#include <xlsxwriter.h>

#endif
