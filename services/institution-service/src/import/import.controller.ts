/** `POST /api/institutions/import` and `GET /api/institutions/imports/:id` (admin): ADR 0218. */
import {
  BadRequestException,
  Controller,
  Inject,
  NotFoundException,
  Param,
  ParseUUIDPipe,
  Res,
  UploadedFiles,
  UseInterceptors,
} from '@nestjs/common';
import { FileFieldsInterceptor } from '@nestjs/platform-express';
import { ApiBody, ApiConsumes } from '@nestjs/swagger';
import { Roles, type AuthUser } from '@plass/auth';
import {
  getImport,
  IMPORT_COLUMNS,
  IMPORT_FILES,
  MAX_IMPORT_FILE_BYTES,
  routePath,
  startImport,
  type ImportFile,
  type ImportJobDto,
} from '@plass/contracts';
import { ContractRoute } from '@plass/observability';
import type { Response } from 'express';
import { Write, type WriteRequest } from '../common/write-request';
import { ImportService, type ImportFiles } from './import.service';

type Uploaded = Partial<Record<string, { buffer: Buffer }[]>>;

@Controller()
export class ImportController {
  constructor(@Inject(ImportService) private readonly imports: ImportService) {}

  @ContractRoute(startImport)
  @Roles('admin')
  @UseInterceptors(
    FileFieldsInterceptor(
      IMPORT_FILES.map((name) => ({ name, maxCount: 1 })),
      { limits: { fileSize: MAX_IMPORT_FILE_BYTES, files: IMPORT_FILES.length, fields: 0 } },
    ),
  )
  @ApiConsumes('multipart/form-data')
  @ApiBody({
    description: 'Any of the four CSV files (ARCHITECTURE.md §12), each in the field of its name',
    schema: {
      type: 'object',
      properties: Object.fromEntries(
        IMPORT_FILES.map((file) => [
          file,
          { type: 'string', format: 'binary', description: `${file}.csv: ${IMPORT_COLUMNS[file].join(',')}` },
        ]),
      ),
    },
  })
  async start(
    @UploadedFiles() uploaded: Uploaded | undefined,
    @Write() request: WriteRequest,
    @Res({ passthrough: true }) response: Response,
  ): Promise<{ id: string }> {
    const files: ImportFiles = {};
    for (const file of IMPORT_FILES) {
      const content = uploaded?.[file]?.[0]?.buffer;
      if (content) files[file satisfies ImportFile] = content;
    }
    if (Object.keys(files).length === 0) {
      throw new BadRequestException(
        `send at least one CSV file as multipart/form-data in a field named ${IMPORT_FILES.join(', ')}`,
      );
    }
    const started = await this.imports.start(files, actorOf(request.user));
    response.setHeader('Location', routePath(getImport.path, { id: started.id }));
    return started;
  }

  @ContractRoute(getImport)
  @Roles('admin')
  async get(@Param('id', ParseUUIDPipe) id: string): Promise<ImportJobDto> {
    const job = await this.imports.get(id);
    if (!job) throw new NotFoundException(`no import has id ${id}`);
    return job;
  }
}

const actorOf = (user: AuthUser) => user.sub;
